import { APP_ID, ORG_ID } from './facts.js'
import type { Scenario } from './scenarios.js'

/**
 * The customer's web app ("Acme Projects"): a login page that signs the demo user in, and a
 * dashboard whose HTML carries the ASAP 2.0 bootstrap snippet inline followed by the page's own
 * login code for the scenario, so the recorded dashboard body shows how the page calls the widget.
 */

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function loginPage(scenario: Scenario): string {
  const base = `/s/${scenario.id}/`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sign in · Acme Projects</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<main class="narrow">
  <h1>Sign in to Acme Projects</h1>
  <form id="login" method="post" action="/api/login">
    <label>Email <input name="email" type="email" autocomplete="username" value="${esc(scenario.user)}"></label>
    <label>Password <input name="password" type="password" autocomplete="current-password"></label>
    <label><input name="remember" type="checkbox" checked> Keep me signed in</label>
    <button type="submit">Sign in</button>
  </form>
</main>
<script>
// Demo links carry the test password in the fragment (#password=…), which never leaves the
// browser: the page fills it in and signs in straight away. Without it, the form waits for a user.
function signIn(form) {
  return fetch('/api/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
    body: JSON.stringify({ email: form.email.value, password: form.password.value, remember: form.remember.checked }),
  })
    .then(function (res) { if (!res.ok) throw new Error('login failed: HTTP ' + res.status); return res.json(); })
    .then(function (data) {
      localStorage.setItem('accessToken', data.accessToken);
      // Some apps also mint the help widget's token at sign-in and keep it for later.
      if (data.asapToken) localStorage.setItem('asapToken', data.asapToken);
      location.href = ${JSON.stringify(`${base}dashboard.html`)};
    });
}
var form = document.getElementById('login');
form.addEventListener('submit', function (ev) { ev.preventDefault(); signIn(form); });
var demo = new URLSearchParams(location.hash.slice(1));
if (demo.get('password')) {
  form.password.value = demo.get('password');
  history.replaceState(null, '', location.pathname);
  signIn(form);
}
</script>
</body>
</html>
`
}

/** The dashboard, or the projects page (the same layout and login code: every app page embeds the widget). */
export function dashboardPage(scenario: Scenario, view: 'dashboard' | 'projects' = 'dashboard'): string {
  const title = view === 'dashboard' ? 'Dashboard' : 'Projects'
  const widgetHost = scenario.page.widgetHost ?? 'desk.zoho.com'
  const src = `https://${widgetHost}/portal/api/web/asapApp/${scenario.page.appId ?? APP_ID}?orgId=${ORG_ID}`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Acme Projects</title>
<link rel="stylesheet" href="/static/app.css">
<script>
// Report uncaught page errors to our backend.
window.onerror = function (message, source, line) {
  fetch('/api/client-errors', {
    method: 'POST', credentials: 'same-origin', keepalive: true,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message: String(message), source: String(source), line: line }),
  }).catch(function () {});
};
document.addEventListener('securitypolicyviolation', function (ev) {
  window.onerror('Content-Security-Policy blocked ' + ev.blockedURI + ' (' + ev.violatedDirective + ')', ev.sourceFile || location.href, ev.lineNumber);
});
</script>
<script type="text/javascript" nonce="{place_your_nonce_value_here}">var d=document;s=d.createElement("script"),s.type="text/javascript",s.id="zohodeskasapscript",s.defer=!0,s.nonce="{place_your_nonce_value_here}",s.src="${src}",t=d.getElementsByTagName("script")[0],t.parentNode.insertBefore(s,t),window.ZohoDeskAsapReady=function(s){var e=window.ZohoDeskAsap__asyncalls=window.ZohoDeskAsap__asyncalls||[];window.ZohoDeskAsapReadyStatus?(s&&e.push(s),e.forEach(s=>s&&s()),window.ZohoDeskAsap__asyncalls=null):s&&e.push(s)};</script>
</head>
<body>
<header><strong>Acme Projects</strong> <a id="nav-dashboard" href="dashboard.html">Dashboard</a> <a id="nav-projects" href="projects.html">Projects</a> <span id="who"></span></header>
<main>
  <h2>${title}</h2>
  <div class="cards">
    <div class="card"><h3>Open tasks</h3><p id="tasks">…</p></div>
    <div class="card"><h3>Notifications</h3><p id="notes">…</p></div>
  </div>
</main>
<script>
// The app's own API calls carry its own bearer token (not the help widget's).
function api(path) {
  return fetch(path, { credentials: 'same-origin', headers: { 'Accept': 'application/json', 'Authorization': 'Bearer ' + localStorage.getItem('accessToken') } })
    .then(function (res) { return res.json(); });
}
api('/api/me').then(function (me) { document.getElementById('who').textContent = me.email; });
api('/api/notifications?unread=1').then(function (n) { document.getElementById('notes').textContent = n.items.length + ' unread'; });
api('/api/projects?page=1').then(function (p) { document.getElementById('tasks').textContent = p.items.length + ' projects'; });
</script>
<script>
// Help widget: sign the visitor in with a JWT from our backend.
${scenario.page.callback.trim()}

${scenario.page.invoke.trim()}
</script>
</body>
</html>
`
}

export const APP_CSS = `body{font:15px/1.4 system-ui,sans-serif;margin:0;color:#1d2330}
header{padding:12px 20px;background:#24324a;color:#fff}
main{padding:20px}.narrow{max-width:360px;margin:40px auto}
label{display:block;margin:8px 0}.cards{display:flex;gap:12px}
.card{border:1px solid #d5dae3;border-radius:6px;padding:12px;min-width:160px}
`

export const LAUNCHER_CSS = `.zd-asap-launcher{position:fixed;right:20px;bottom:20px;border-radius:24px;padding:10px 18px;background:#0a7cff;color:#fff;border:0}
.zd-asap-launcher[data-asap-state=signed-in]{background:#128a4a}
`
