/**
 * The widget script the simulated `desk.zoho.*` host serves at /portal/api/web/asapApp/<appId>.
 * It is ours, not Zoho's: just enough of the ASAP 2.0 SDK's observable behaviour for a HAR to look
 * like the real thing. `invoke('login', cb)` calls the page's getJwtTokenCallback and POSTs what
 * successCallback got, String()-ed and encodeURIComponent-ed, to remote/auth; a later
 * `invoke('login')` re-authenticates with whatever the callback hands over then (the real widget
 * re-asks the callback when it needs a new session). Logins run one after the other.
 */
export interface WidgetConfig {
  appId: string
  orgId: string
  accountsHost: string
  cdnHost: string
  clientId: string
}

export function widgetScript(cfg: WidgetConfig): string {
  return `/*! ASAP web SDK stand-in (asap-doctor simulation, not Zoho code) | app ${cfg.appId} */
(function (w, d) {
  'use strict';
  if (w.ZohoDeskAsap && w.ZohoDeskAsap.__simulated) return;
  var cfg = ${JSON.stringify(cfg)};
  var state = { signedIn: false, pending: Promise.resolve() };
  var launcher = null;

  function addStyles() {
    var l = d.createElement('link');
    l.rel = 'stylesheet';
    l.href = 'https://' + cfg.cdnHost + '/asap/v2/css/asap-launcher.min.css';
    (d.head || d.documentElement).appendChild(l);
  }

  function render() {
    if (!d.body) return;
    if (!launcher) {
      launcher = d.createElement('button');
      launcher.type = 'button';
      launcher.id = 'zohohc-asap-web-launcherbox';
      launcher.className = 'zd-asap-launcher';
      d.body.appendChild(launcher);
    }
    launcher.setAttribute('data-asap-state', state.signedIn ? 'signed-in' : 'guest');
    launcher.textContent = state.signedIn ? 'Help \\u00b7 signed in' : 'Help';
  }

  function remoteAuth(token) {
    var url = 'https://' + cfg.accountsHost + '/accounts/op/' + cfg.orgId + '/oauth/v2/remote/auth'
      + '?jwt_token=' + encodeURIComponent(token)
      + '&client_id=' + encodeURIComponent(cfg.clientId)
      + '&response_type=remote_token';
    return fetch(url, { method: 'POST', mode: 'cors', credentials: 'include' })
      .then(function (res) { return res.json().catch(function () { return {}; }); })
      .then(function (body) {
        state.signedIn = !!(body && body.access_token);
        if (!state.signedIn && w.console) w.console.warn('[ZohoDeskAsap] login failed: ' + ((body && body.error) || 'unknown error'));
        render();
      }, function (err) {
        state.signedIn = false;
        if (w.console) w.console.warn('[ZohoDeskAsap] login request failed', err);
        render();
      });
  }

  function login(getJwtTokenCallback) {
    if (typeof getJwtTokenCallback !== 'function') {
      if (w.console) w.console.warn('[ZohoDeskAsap] invoke("login") expects a function(successCallback, failureCallback)');
      return;
    }
    state.pending = state.pending.then(function () {
      return new Promise(function (done) {
        try {
          getJwtTokenCallback(
            function successCallback(token) { remoteAuth(String(token)).then(done, done); },
            function failureCallback(err) {
              if (w.console) w.console.warn('[ZohoDeskAsap] getJwtTokenCallback failed', err);
              render();
              done();
            }
          );
        } catch (err) {
          if (w.console) w.console.warn('[ZohoDeskAsap] getJwtTokenCallback threw', err);
          done();
        }
      });
    });
  }

  var api = {
    __simulated: true,
    invoke: function (command, arg) {
      if (command === 'login') return login(arg);
      if (command === 'logout') { state.signedIn = false; render(); return; }
      if (command === 'open' || command === 'close') { render(); return; }
      if (w.console) w.console.warn('[ZohoDeskAsap] unknown command ' + command);
    }
  };
  w.ZohoDeskAsap = api;

  function ready() {
    addStyles();
    render();
    w.ZohoDeskAsapReadyStatus = true;
    var queued = w.ZohoDeskAsap__asyncalls || [];
    w.ZohoDeskAsap__asyncalls = null;
    queued.forEach(function (fn) { if (typeof fn === 'function') fn(); });
  }
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', ready); else ready();
})(window, document);
`
}
