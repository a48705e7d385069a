import { runCli } from './main.js'
import { processIO } from './process-io.js'

// Set exitCode rather than calling process.exit(): stdout may still be flushing into a pipe.
process.exitCode = await runCli(process.argv.slice(2), processIO())
