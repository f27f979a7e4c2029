/** The playground channel: a local web chat for trying Mentor Bridge without Slack or Teams. */
export { type PlaygroundDirectory, type PlaygroundPerson, type StoreDirectoryOptions, storeDirectory } from './directory.js';
export { PlaygroundHub } from './hub.js';
export { type PlaygroundEntry, type PlaygroundMessage, type PlaygroundView, toPlaygroundMessage } from './view.js';
export { type PlaygroundDeps, playgroundRequestSchema, registerPlayground } from './routes.js';
export { DEMO_JOIN_CODE, DEMO_TENANT, DEMO_USER_IDS, seedDemo } from './seed.js';
export { PlaygroundSender } from './sender.js';
