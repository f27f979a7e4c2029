/** Every flow the bot knows. Adding a flow: write it beside these and list it here (see CONTRIBUTING.md). */
import type { FlowDefinition } from '../engine/types.js';
import { createProgrammeFlow } from './create-programme.js';
import { editProfileFlow } from './edit-profile.js';
import { joinFlow } from './join.js';
import { languageFlow } from './language.js';
import { leaveFlow } from './leave.js';

export const ALL_FLOWS: readonly FlowDefinition[] = [joinFlow, editProfileFlow, createProgrammeFlow, leaveFlow, languageFlow];
