/**
 * Serialises the replayed document as far as fidelity goes: elements with their attributes
 * (sorted), text, shadow roots, input values and checked states, open dialogs, scroll offsets
 * of the page and of every scrolled element, and which picture each canvas shows. Runs in
 * the player page, on the replay iframe's document; passed to `page.evaluate` as a string.
 */
export const SERIALIZE_REPLAY_DOM = `(() => {
  const player = window.__gosightPlayer;
  const doc = player.iframe()?.contentDocument;
  if (!doc) return 'no replay document';
  const out = [];
  const walk = (node, depth) => {
    const pad = ' '.repeat(depth);
    if (node.nodeType === 3) { const t = node.textContent.trim(); if (t) out.push(pad + '"' + t + '"'); return; }
    if (node.nodeType !== 1) return;
    const el = node;
    // rrweb marks the root rrweb-paused while paused: the player's state, not the page's.
    // The picture a replayed canvas shows is a blob URL, new on every paint; its fingerprint says which it is.
    // rrweb's hover simulation leaves an empty class attribute behind when playing: no effect on the page.
    const attrs = [...el.attributes].filter((a) => !(el.hasAttribute('data-gosight-frame') && a.name === 'src') && !(a.name === 'class' && a.value === '')).map((a) => a.name + '=' + (a.name === 'class' ? a.value.split(' ').filter((c) => c !== 'rrweb-paused').join(' ') : a.value)).sort().join(' ');
    let state = '';
    if ('value' in el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')) state += ' value=' + JSON.stringify(el.value);
    if (el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio')) state += ' checked=' + el.checked;
    if (el.tagName === 'DIALOG') state += ' open=' + el.open + ' modal=' + el.matches(':modal');
    if (el.tagName === 'DETAILS') state += ' open=' + el.open;
    if (el.scrollTop || el.scrollLeft) state += ' scroll=' + el.scrollLeft + ',' + el.scrollTop;
    out.push(pad + '<' + el.tagName.toLowerCase() + (attrs ? ' ' + attrs : '') + state + '>');
    if (el.shadowRoot) { out.push(pad + ' #shadow'); for (const child of el.shadowRoot.childNodes) walk(child, depth + 2); }
    for (const child of el.childNodes) walk(child, depth + 1);
  };
  out.push('page scroll=' + (doc.scrollingElement?.scrollLeft ?? 0) + ',' + (doc.scrollingElement?.scrollTop ?? 0));
  walk(doc.documentElement, 0);
  return out.join('\\n');
})()`;
