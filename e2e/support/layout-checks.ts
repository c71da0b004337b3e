import type { Page } from 'playwright-core';

/** How far the page scrolls sideways (0 when it fits), and the elements reaching past the screen's edges. */
export const horizontalOverflow = (page: Page) =>
  page.evaluate<{ overflow: number; outside: string[] }>(`(() => {
    const width = document.documentElement.clientWidth;
    const outside = [...document.querySelectorAll('body *')]
      .filter((element) => {
        const rect = element.getBoundingClientRect();
        return rect.right > width + 0.5 || rect.left < -0.5;
      })
      .filter((element) => !element.parentElement.closest('.ag-root-wrapper, .panel, .stream, .visually-hidden, .skip-link'))
      .slice(0, 8)
      .map((element) => element.tagName.toLowerCase() + '.' + [...element.classList].join('.') + ' ' + Math.round(element.getBoundingClientRect().right));
    return { overflow: document.documentElement.scrollWidth - width, outside };
  })()`);

/**
 * The visible text of the page still in English: every visible text node
 * outside what is marked not to translate (`translate="no"`: names, codes,
 * payloads) and screen-reader-only regions, with codes (SAR, HTTP, #A1B2),
 * addresses and the brand taken out.
 */
export const untranslatedText = (page: Page) =>
  page.evaluate<string[]>(`(() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[translate="no"], script, style, svg, pre, code, .visually-hidden, .skip-link, .ag-aria-description-container')) continue;
      if (parent.getClientRects().length === 0 || getComputedStyle(parent).visibility === 'hidden') continue;
      const text = node.textContent
        .replace(/\\S+@\\S+|https?:\\/\\/\\S+/g, '')
        .replace(/#\\S+/g, '')
        .replace(/\\b[A-Z0-9_]{2,}\\b/g, '')
        .replace(/\\bNexara\\b|\\bEnglish\\b|\\bp95\\b/g, '');
      if (/[A-Za-z]{2,}/.test(text)) found.push(node.textContent.trim().slice(0, 80));
    }
    return [...new Set(found)];
  })()`);
