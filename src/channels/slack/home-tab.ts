/**
 * The core's HomeView as Slack's App Home tab: a header, the sections, and the shortcuts as
 * buttons. A shortcut button carries the command's words as its value; clicking it is handled
 * exactly like typing those words in the DM.
 */
import type { HomeView } from '../../core/features/help/home.js';
import { type Block, textBlocks } from './blocks.js';
import { actionId } from './ids.js';
import { LIMITS, plain, truncate } from './limits.js';

const HEADER_TEXT = 150;

export function renderHome(view: HomeView): Block {
  const shortcuts = view.shortcuts.slice(0, LIMITS.elementsPerActions).map((s, i) => ({
    type: 'button',
    action_id: actionId('cmd', 'home', i),
    text: plain(s.label, LIMITS.buttonText),
    value: truncate(s.command, LIMITS.buttonValue),
  }));
  const tail: Block[] = shortcuts.length ? [{ type: 'divider' }, { type: 'actions', block_id: 'mb:home', elements: shortcuts }] : [];
  const room = LIMITS.blocksPerView - 1 - tail.length;
  const sections: Block[] = [];
  for (const section of view.sections) {
    const left = room - sections.length;
    if (left <= 0) break;
    sections.push(...textBlocks(section.text, left));
  }
  return { type: 'home', blocks: [{ type: 'header', text: plain(view.title, HEADER_TEXT) }, ...sections, ...tail] };
}
