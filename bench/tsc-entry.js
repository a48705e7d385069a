// The tsc build (dist/cli/) started like bin/asap-doctor.js but without its prefetch of the command's
// module graph: bench/cold-start.js measures both, so the figures say whether that workaround pays.
const dist = new URL('../dist/cli/', import.meta.url)
const [{ runCli }, { processIO }] = await Promise.all([import(new URL('main.js', dist).href), import(new URL('process-io.js', dist).href)])
process.exitCode = await runCli(process.argv.slice(2), processIO())
