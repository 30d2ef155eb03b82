/**
 * The frame of every page of the static site: a strict Content-Security-Policy (no inline
 * script or style, no request outside the site), the stylesheet, JSON-LD, canonical link.
 */
import { html, scriptJson } from './text.ts';

/** JSON-LD blocks are data (CSP does not run them); every other script is a file in assets/. */
export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

export interface PageParts {
  /** Text for <title>, already plain (escaped here). */
  title: string;
  description: string;
  /** Path from this page to the site's root: "" or "../". */
  root: string;
  siteTitle: string;
  canonical?: string;
  jsonLd: object[];
  /** The <main> content, already HTML. */
  main: string;
  /** Scripts to load, relative to the root. */
  scripts?: string[];
  stamp?: string;
}

export function page(parts: PageParts): string {
  const { root } = parts;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${html(parts.title)}</title>`,
    `<meta name="description" content="${html(parts.description)}">`,
    ...(parts.canonical ? [`<link rel="canonical" href="${html(parts.canonical)}">`] : []),
    `<link rel="stylesheet" href="${root}assets/style.css">`,
    ...parts.jsonLd.map((doc) => `<script type="application/ld+json">${scriptJson(doc)}</script>`),
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to content</a>',
    `<header><p><a href="${root}index.html">${html(parts.siteTitle)}</a></p></header>`,
    `<main id="main">\n${parts.main}\n</main>`,
    `<footer><p>${root ? `<a class="nav" href="${root}index.html">All terms</a> · ` : ''}Exported by genz${parts.stamp ? ` on ${html(parts.stamp)}` : ''}.</p></footer>`,
    ...(parts.scripts ?? []).map((src) => `<script src="${root}${src}"></script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
