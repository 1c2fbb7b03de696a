/**
 * Errors where the eye is: every alert (`role="alert"`, announced by screen readers as it appears) that
 * appears or changes anywhere in the page is scrolled into the visible part of its scrolling containers — a
 * refusal shown at the top of a long dialog step while the user pressed the button at its bottom (the
 * wrong-kabupaten import error), a problem in the lower part of the side panel. One watcher for every
 * component, so a new message cannot forget it.
 */
export function revealAlerts(root: HTMLElement): () => void {
  const pending = new Set<Element>();
  let frame = 0;
  const flush = () => {
    frame = 0;
    for (const el of pending)
      if (el.isConnected && el.getClientRects().length > 0)
        el.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
    pending.clear();
  };
  const queue = (el: Element | null) => {
    if (!el) return;
    pending.add(el);
    frame ||= requestAnimationFrame(flush);
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const target = r.target instanceof Element ? r.target : r.target.parentElement;
      // text or children of an alert changed (a new message in the same place)
      queue(target?.closest('[role="alert"]') ?? null);
      for (const node of r.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches('[role="alert"]')) queue(node);
        node.querySelectorAll('[role="alert"]').forEach(queue);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => {
    observer.disconnect();
    cancelAnimationFrame(frame);
  };
}
