#!/usr/bin/env python3
"""corpus-check.py: checks a real site's book against its sources.

    corpus-check.py NAME ROOT PAGES BASE_URL LIST REPORT EPUB [STATIC...]

Independently of hbook's resolver, it reads the Markdown of every article
in the book (LIST is `hbook list` output), finds the links that name a page
of the site whose article is in the book, and requires that at least 99% of
them resolve to targets in the book according to hbook's --report; it finds
the images the articles reference that exist in the corpus and requires each
to be embedded; and it requires that no chapter holds template syntax ({{ or
{%).  Prints "ok ..." or "not ok ..." lines for tests/run.sh.
"""
import os
import re
import sys
import zipfile
from urllib.parse import unquote

name, root, pages, base, listing, report, epub = sys.argv[1:8]
statics = sys.argv[8:]
pages_dir = os.path.join(root, pages) if pages else root

book = {}       # path relative to the pages folder -> True
for line in open(listing, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    # hbook list: article DEPTH FILE PATH TITLE, section DEPTH FILE TITLE
    # [HUB], paths in the site's folder
    path = f[3] if f[0] == "article" else f[4] if f[0] == "section" and \
        len(f) > 4 else None
    if path is not None:
        if pages and path.startswith(pages + "/"):
            path = path[len(pages) + 1:]
        book[path] = True


def stem(p):
    b = os.path.basename(p)
    b = re.sub(r"\.(md|markdown|html?)$", "", b)
    return re.sub(r"^\d{4}-\d{2}-\d{2}-", "", b)


keys = {}
slugs = {}
for p in book:
    k = re.sub(r"\.md$", "", p)
    k = re.sub(r"(^|/)_?index$", "", k)
    keys[k] = p
    keys[os.path.join(os.path.dirname(p), stem(p))] = p
    slugs[stem(p)] = p
    if p.endswith("index.md") and "/" in p:
        slugs[os.path.basename(os.path.dirname(p))] = p

TEMPLATE = re.compile(r"\{\{[^}]*\}\}|\{%[^%]*%\}")


def site_path(url):
    """The site path a URL names, or None for other sites and schemes."""
    url = TEMPLATE.sub("", url).strip()
    if base and url.startswith(base):
        url = url[len(base):] or "/"
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) or url.startswith("//"):
        return None
    path = unquote(re.split(r"[?#]", url)[0])
    return path or None


def names_book_page(article, path):
    if path.startswith("/"):
        p = path.strip("/")
    else:
        p = os.path.normpath(os.path.join(os.path.dirname(article), path))
        if p.startswith(".."):
            return False
    p = re.sub(r"(/index)?\.html?$", "", p).rstrip("/")
    p = re.sub(r"\.md$", "", p)
    if p in keys:
        return True
    last = p.split("/")[-1]
    return stem(last) in slugs


LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|href=[\"']([^\"']+)[\"']")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*\bsrc=[\"']([^\"']+)[\"']",
                   re.I)

rows = []
for line in open(report, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) == 5 and f[0] != "article":
        rows.append(f)


def outcomes(article, kind, target):
    # hbook does template syntax before it sees links: compare without it
    suffix = "/" + article
    target = TEMPLATE.sub("", target).strip()
    return [r[4] for r in rows if r[2] == kind
            and TEMPLATE.sub("", r[3]).strip() == target
            and (r[0].endswith(suffix) or r[0] == article)]


def body(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    if text.startswith("\ufeff"):
        text = text[1:]
    m = re.match(r"---[ \t]*\r?\n.*?\r?\n(---|\.\.\.)[ \t]*\r?\n", text, re.S)
    return text[m.end():] if m else text


failed = 0


def report_line(good, text):
    global failed
    if not good:
        failed += 1
    print(("ok " if good else "not ok ") + "corpus %s: %s" % (name, text))


named = resolved = 0
misses = []
for article in sorted(book):
    src = body(os.path.join(pages_dir, article))
    for m in LINK.finditer(src):
        url = m.group(1) or m.group(2)
        path = site_path(url)
        if path is None or not names_book_page(article, path):
            continue
        named += 1
        got = outcomes(article, "link", url)
        if any(o.startswith("in the book") for o in got):
            resolved += 1
        else:
            misses.append("%s: %s -> %s" % (article, url, got or "no row"))
share = resolved / named if named else 1.0
report_line(named > 0 and share >= 0.99,
            "%d of %d links to pages in the book resolve inside it (%.1f%%)"
            % (resolved, named, 100 * share))
for miss in misses[:10]:
    print("  " + miss)

images = embedded = 0
for article in sorted(book):
    src = body(os.path.join(pages_dir, article))
    for m in IMAGE.finditer(src):
        url = m.group(1) or m.group(2)
        path = site_path(url)
        if path is None:
            continue
        if path.startswith("/"):
            cands = [os.path.join(root, d, path.lstrip("/"))
                     for d in [pages, ""] + statics]
        else:
            cands = [os.path.join(pages_dir, os.path.dirname(article), path)]
        if not any(os.path.isfile(c) for c in cands):
            continue
        images += 1
        got = outcomes(article, "image", url)
        if any(o.startswith("embedded") for o in got):
            embedded += 1
        else:
            print("  image not embedded: %s: %s -> %s" % (article, url, got))
report_line(embedded == images,
            "%d of %d images that exist in the corpus are embedded"
            % (embedded, images))

leaks = []
with zipfile.ZipFile(epub) as z:
    for n in z.namelist():
        if n.endswith(".xhtml"):
            text = z.read(n).decode("utf-8")
            if "{{" in text or "{%" in text:
                leaks.append(n)
report_line(not leaks, "no chapter holds {{ or {%%: %s" % (", ".join(leaks[:5]) or "none"))
sys.exit(1 if failed else 0)
