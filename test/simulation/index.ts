/**
 * A local simulation of a website that embeds Zoho Desk's ASAP widget, for tests and recordings:
 * the customer's app, the widget script host and the portal accounts host on one loopback port.
 * See README.md in this folder.
 */
export { type AuthCallRecord, type Simulation, type SimulationOptions, startSimulation } from './simulation.js'
export { type Expectation, type MintContext, type MintedToken, type Scenario, SCENARIOS, scenarioById, standardClaims } from './scenarios.js'
export { decideRemoteAuth } from './accounts.js'
export { signHs256, decodeCompact } from './jwt.js'
export * as facts from './facts.js'
