#!/usr/bin/env python3
"""site-check.py NAME ROOT LIST REPORT ERRORS [BOOK]: checks that the links of a
real site's book land on the pages the site's own generator would send
them to.

Independently of hbook (in another language, from each generator's
documentation), it finds the site's pages and their addresses, reads the
links in every page's Markdown (inline and reference links, raw <a href>,
Obsidian's [[wikilinks]]), and works out the page each names: a link to a
.md file from the page's file, a site path by address, another relative
link from the page's address, a wikilink by the note's name.  Then it
reads hbook's --report (REPORT) and hbook list (LIST) and counts, of the
links whose page is in the book, those that land on that page, those that
land on another, and those of the latter without a warning in ERRORS.
Two pages with the same title are told apart: pages are compared by file.

It also finds, the same way, the pictures each page shows (Markdown,
<img>, Obsidian's ![[picture.png]]) whose file exists in the site's
folder, and counts those the report says were embedded.

With BOOK, it also looks for generator syntax (shortcodes, Liquid tags,
callout and tab markers, MDX imports and components) left in the book's
text outside code.

It also reads the site's navigation file (MkDocs, GitBook, Docusaurus) and
counts the pairs of pages next to each other there that the book reads in
the same order.

Prints "ok ..." / "not ok ..." lines for tests/run.sh: at least 98% of
links on the right page, none on a wrong one without a warning, at least
95% of existing pictures in the book, and 95% of the navigation's pairs
in its order.
"""
import os
import posixpath
import re
import sys
import tomllib
from urllib.parse import unquote

import yaml

name, root, listing, report, errors = sys.argv[1:6]
MIN = 0.98
MIN_PICTURES = 0.95
MIN_ORDER = 0.95

# ---- the book, as hbook lists it ----
generator = "none"
contents = []
file_page = {}          # chapter file -> page path (in the site's folder)
book_pages = set()
book_order = []         # the pages in the book's reading order
for line in open(listing, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[0] == "generator":
        generator = f[1]
    elif f[0] == "content":
        contents.append("" if f[1] == "." else f[1])
    elif f[0] == "article":
        file_page[f[2]] = f[3]
        book_pages.add(f[3])
        book_order.append(f[3])
    elif f[0] == "section" and len(f) > 4:
        file_page[f[2]] = f[4]
        book_pages.add(f[4])
        book_order.append(f[4])


def content_of(p):
    best = None
    for c in contents:
        if c == "" or p == c or p.startswith(c + "/"):
            if best is None or len(c) > len(best):
                best = c
    return best or ""


def rel_in(p):
    c = content_of(p)
    return p[len(c) + 1:] if c else p


# ---- front matter ----
def front(path):
    text = open(os.path.join(root, path), encoding="utf-8",
                errors="replace").read().lstrip("\ufeff")
    fm, body = {}, text
    m = re.match(r"(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n(---|\+\+\+|\.\.\.)[ \t]*"
                 r"(\r?\n|$)", text, re.S)
    if m:
        body = text[m.end():]
        try:
            fm = (tomllib.loads(m.group(2)) if m.group(1) == "+++"
                  else yaml.safe_load(m.group(2))) or {}
        except Exception:
            fm = {}
        if not isinstance(fm, dict):
            fm = {}
    return fm, body


pages = sorted(book_pages)
fms = {p: front(p) for p in pages}


def stem(p):
    b = posixpath.basename(p)
    return b.rsplit(".", 1)[0] if "." in b else b


INDEX = ("index", "_index", "README", "readme")

# ---- each generator's addresses (site paths, normalised) ----


def norm(u, lower=False):
    u = unquote(u.split("#")[0].split("?")[0])
    u = re.sub(r"\.(html?|md|mdx|markdown)$", "", u)
    u = re.sub(r"(^|/)(index|_index|README|readme)$", "", u)
    u = "/" + u.strip("/")
    return u.lower() if lower else u


def urls(p):
    fm = fms[p][0]
    r = rel_in(p)
    d, s = posixpath.dirname(r), stem(r)
    out = []
    if generator == "Hugo":
        if fm.get("url"):
            out.append(fm["url"])
        elif s in INDEX:
            out.append(d if not fm.get("slug") or not d else
                       posixpath.join(posixpath.dirname(d), fm["slug"]))
        else:
            out.append(posixpath.join(d, str(fm.get("slug") or s)))
        out += fm.get("aliases") or []
        return [norm(u, True) for u in out]
    if generator == "Zola":
        if fm.get("path"):
            out.append(fm["path"])
        elif s in INDEX:
            out.append(d)
        else:
            s = re.sub(r"^\d{4}-\d{2}-\d{2}[-_]", "", s)
            out.append(posixpath.join(d, str(fm.get("slug") or s)))
        return [norm(u) for u in out]
    if generator == "Docusaurus":
        segs = [re.sub(r"^\d+[-_.](?=.)", "", x) for x in r.split("/")]
        d2 = "/".join(segs[:-1])
        doc = stem(segs[-1])
        if fm.get("id"):
            doc = str(fm["id"])
        if fm.get("slug"):
            sl = str(fm["slug"])
            out.append(sl if sl.startswith("/") else posixpath.join(d2, sl))
        elif doc in INDEX or (d2 and doc == posixpath.basename(d2)):
            out.append(d2)
        else:
            out.append(posixpath.join(d2, doc))
        return [norm(u) for u in out]
    if generator == "Jekyll":
        if fm.get("permalink"):
            return [norm(fm["permalink"])]
        c = content_of(p)
        col = posixpath.basename(c)
        if col == "_posts":
            cats = fm.get("categories") or fm.get("category") or []
            if isinstance(cats, str):
                cats = cats.split()
            s = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", s)
            return [norm("/".join([str(x) for x in cats] + [s]))]
        if col.startswith("_"):
            # collections here: pages at /:path, announcements at
            # /:collection/:path (the config says so)
            conf = yaml.safe_load(open(os.path.join(root, c, "..",
                                                    "_config.yml")))
            perm = ((conf.get("collections") or {}).get(col[1:]) or
                    {}).get("permalink", "/:collection/:path:output_ext")
            u = perm.replace(":collection", col[1:]).replace(
                ":path", posixpath.join(d, s)).replace(":output_ext", "")
            return [norm(u)]
        return [norm(posixpath.join(d, s))]
    # MkDocs, GitBook, mdBook, Obsidian, plain: addressed by path
    return [norm(d if s in INDEX else posixpath.join(d, s))]


by_url = {}
for p in pages:
    for u in urls(p):
        by_url.setdefault(u, p)
by_file = {}
for p in pages:
    k = re.sub(r"\.(md|mdx|markdown|html?)$", "", p)
    by_file[k] = p
    if stem(p) in INDEX:
        by_file[posixpath.dirname(p)] = p
by_name = {}
for p in pages:
    by_name.setdefault(stem(p).lower(), []).append(p)


def page_url(p):
    return urls(p)[0]


def resolve(p, link):
    """The page a link in page p names, by the generator's rules, or
    None."""
    link = link.strip()
    if generator == "Jekyll" or generator == "Hugo" or generator == "Zola":
        m = re.match(r"\{\{[<%]?\s*rel?ref\s+\"([^\"]+)\"", link)
        if m:
            link = m.group(1)
            if not link.startswith("/"):
                cand = posixpath.normpath(posixpath.join(
                    posixpath.dirname(p), link))
                k = re.sub(r"\.md$", "", cand)
                if k in by_file:
                    return by_file[k]
                link = "/" + link
            for c in contents:
                k = re.sub(r"\.md$", "", c + link)
                if k in by_file:
                    return by_file[k]
            return None
        m = re.match(r"\{\{\s*'([^']+)'\s*\|", link)
        if m:
            link = m.group(1)
    if link.startswith("@/"):
        for c in contents:
            k = re.sub(r"\.md$", "", (c + "/" if c else "") + link[2:])
            k = k.split("#")[0]
            if k in by_file:
                return by_file[k]
        return None
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", link) or link.startswith("//"):
        return None
    path = unquote(link.split("#")[0].split("?")[0])
    if not path:
        return None
    lower = generator == "Hugo"
    if path.startswith("/"):
        t = by_url.get(norm(path, lower))
        if t is None:
            for c in contents:
                t = by_file.get(re.sub(r"\.(md|mdx)$", "",
                                       posixpath.normpath(c + path)))
                if t:
                    break
        return t
    filelike = re.search(r"\.(md|mdx|markdown)$", path)
    fpath = posixpath.normpath(posixpath.join(posixpath.dirname(p), path))
    byfile = by_file.get(re.sub(r"\.(md|mdx|markdown|html?)$", "", fpath))
    u = page_url(p)
    base = u if (generator in ("Hugo", "Zola", "MkDocs") or u == "/") \
        else posixpath.dirname(u)
    if generator == "Jekyll" and u != "/":
        base = posixpath.dirname(u)
    byurl = by_url.get(norm(posixpath.normpath(posixpath.join(
        base + "/", path)), lower))
    if generator in ("none", "GitBook", "mdBook", "Obsidian") or filelike:
        return byfile or byurl
    return byurl or byfile


# ---- the links of a page ----
CODE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.S | re.M)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+(?:\s[^)\s\"']+)*?)>?"
                  r"(?:\s+[\"'][^\"']*[\"'])?\s*\)")
REFDEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s.*)?$", re.M)
HREF = re.compile(r"<a\b[^>]*\bhref=[\"']([^\"']+)[\"']", re.I)
WIKI = re.compile(r"(?<!!)\[\[([^\]|#\\]*)(#[^\]|\\]*)?(\\?\|[^\]]*)?\]\]")


COMMENT = re.compile(r"<!--.*?-->", re.S)


def links_of(p):
    body = COMMENT.sub("", fms[p][1])
    body = CODE.sub("", body)
    body = INLINE_CODE.sub("", body)
    out = [m.group(1) for m in LINK.finditer(body)]
    out += [m.group(1) for m in REFDEF.finditer(body)]
    out += [m.group(1) for m in HREF.finditer(body)]
    return out


def wikilinks_of(p):
    body = INLINE_CODE.sub("", CODE.sub("", COMMENT.sub("", fms[p][1])))
    return [(m.group(0), m.group(1)) for m in WIKI.finditer(body)]


def note(target, src):
    """An Obsidian note by name or path, by Obsidian's rule: a path from
    the vault's top, then from the note's folder, then as the end of a
    path; a name in the linking note's folder first, then the shortest
    path."""
    t = re.sub(r"\.md$", "", target.strip()).lower()
    if not t:
        return None
    vault = content_of(src)
    notes = [x for x in pages if x.lower().endswith("/" + posixpath.basename(t)
             + ".md") or x.lower() == posixpath.basename(t) + ".md"]
    inv = {x: re.sub(r"\.md$", "", rel_in(x)).lower() for x in notes}
    if "/" in t:
        here = posixpath.normpath(posixpath.join(
            posixpath.dirname(rel_in(src)).lower(), t))
        for want in (t, here):
            for x in notes:
                if inv[x] == want:
                    return x
        for x in notes:
            if inv[x].endswith("/" + t):
                return x
        return None
    same = [x for x in notes if posixpath.dirname(x) == posixpath.dirname(src)]
    if same:
        return same[0]
    return sorted(notes, key=lambda x: (len(rel_in(x)), x))[0] if notes \
        else None


# ---- hbook's report ----
rows = {}
picture_rows = {}
for line in open(report, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) == 5 and f[2] in ("link", "image"):
        art = f[0]
        if art.startswith(root.rstrip("/") + "/"):
            art = art[len(root.rstrip("/")) + 1:]
        (rows if f[2] == "link" else picture_rows).setdefault(
            art, []).append((f[3], f[4]))
err_text = open(errors, encoding="utf-8", errors="replace").read()


def landed(outcome, p):
    if outcome == "in the book: this page":
        return p
    m = re.match(r"in the book: (([^#]+)\S*)", outcome)
    if not m:
        return None
    # an entry of a merged chapter ("glossary.xhtml#copay"), else the page
    return file_page.get(m.group(1), file_page.get(m.group(2)))


named = right = wrong = silent = 0
misses = []
for p in pages:
    got = list(rows.get(p, []))
    wanted = [(u, resolve(p, u)) for u in links_of(p)]
    if generator == "Obsidian":
        wanted += [(w, note(t, p) if t else p) for w, t in wikilinks_of(p)]
    for u, t in wanted:
        if t is None or t not in book_pages:
            continue
        named += 1
        # hbook reports the link as written (a wikilink as its target)
        hit = None
        plain = u.strip()
        m = re.match(r"\{\{\s*'([^']+)'\s*\|", plain)
        if m:
            plain = m.group(1)   # Liquid's '/x' | relative_url is /x
        for i, (target, outcome) in enumerate(got):
            wl = u[2:].replace("\\|", "|").split("|")[0].split("]")[0]
            if target.strip() in (u.strip(), plain) or (
                    u.startswith("[[") and target.startswith(
                        "hbook-wikilink:") and wl.rstrip("#") ==
                    target[len("hbook-wikilink:"):].rstrip("#")):
                hit = got.pop(i)
                break
        dest = landed(hit[1], p) if hit else None
        if dest == t:
            right += 1
        else:
            if dest is not None:
                wrong += 1
                if ("link to '%s" % u) not in err_text and \
                        ("link to '%s" % plain) not in err_text:
                    silent += 1
            misses.append("%s: %s -> %s, want %s" % (
                p, u, (hit[1] if hit else "no row")[:80], t))
share = right / named if named else 1.0
ok = named > 0 and share >= MIN and silent == 0
print("%s site %s: %d of %d links to pages in the book land on the page "
      "the site's generator would (%.1f%%); %d on another, %d of them "
      "without a warning" % ("ok" if ok else "not ok", name, right, named,
                             100 * share, wrong, silent))
for m in misses[:12]:
    print("  " + m)

# ---- pictures ----
IMG = re.compile(r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(?:<([^>\n]+)>|([^)\s]+))"
                 r"(?:\s+[\"'][^\"']*[\"'])?\s*\)")
IMGTAG = re.compile(r"<img\b[^>]*\bsrc=[\"']([^\"']+)[\"']", re.I)
WIKIPIC = re.compile(r"!\[\[([^\]|#]+\.(?:png|jpe?g|gif|svg|webp))(?:\|[^\]]*)?\]\]",
                     re.I)
STATIC = ("static", "assets", "public", "src", "")
all_files = {}
for dp, dns, fns in os.walk(root):
    dns[:] = [d for d in dns if d not in ("node_modules", "_site")]
    for fn in fns:
        rp = os.path.relpath(os.path.join(dp, fn), root)
        all_files.setdefault(fn.lower(), []).append(rp)


def exists(rp):
    rp = posixpath.normpath(rp)
    return not rp.startswith("..") and os.path.isfile(os.path.join(root, rp))


def picture_file(p, src):
    """Whether the picture src of page p is a file of the site, by the
    ways generators serve one: beside the page's file, from the page's
    address, from the site's top (content or static folders), and in a
    vault by its name."""
    src = unquote(src.split("#")[0].split("?")[0])
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src) or src.startswith("//"):
        return False
    c = content_of(p)
    if src.startswith("/"):
        return any(exists(posixpath.join(d, src.lstrip("/")))
                   for d in contents + list(STATIC))
    if exists(posixpath.join(posixpath.dirname(p), src)):
        return True
    u = page_url(p)
    for d in [c] + list(STATIC):
        if exists(posixpath.join(d, (u.strip("/") + "/" if u != "/" else "")
                                 + src)):
            return True
    if generator == "Obsidian":
        return posixpath.basename(src).lower() in all_files
    return False


shown = embedded = 0
lost = []
for p in pages:
    body = INLINE_CODE.sub("", CODE.sub("", COMMENT.sub("", fms[p][1])))
    got = list(picture_rows.get(p, []))
    srcs = [m.group(1) or m.group(2) for m in IMG.finditer(body)]
    srcs += [m.group(1) for m in IMGTAG.finditer(body)]
    for m in WIKIPIC.finditer(body):
        srcs.append("hbook-wikilink:" + m.group(1))
    for src in srcs:
        plain = src[len("hbook-wikilink:"):] if src.startswith(
            "hbook-wikilink:") else src
        if not (picture_file(p, plain) or (src != plain and
                                           posixpath.basename(plain).lower()
                                           in all_files)):
            continue
        shown += 1
        hit = None
        for i, (u, outcome) in enumerate(got):
            if u.strip() == src.strip():
                hit = got.pop(i)
                break
        if hit and hit[1].startswith("embedded"):
            embedded += 1
        else:
            lost.append("%s: %s -> %s" % (p, src, hit[1] if hit else
                                          "no row"))
pshare = embedded / shown if shown else 1.0
pok = pshare >= MIN_PICTURES
print("%s site %s: %d of %d pictures whose file the site holds are in the "
      "book (%.1f%%)" % ("ok" if pok else "not ok", name, embedded, shown,
                         100 * pshare))
for m in lost[:12]:
    print("  " + m)

# ---- the site's own reading order, from its navigation ----
# The pages the navigation lists, in its order, read from the navigation
# file by each generator's documented syntax (mkdocs.yml nav:, GitBook's
# SUMMARY.md, Docusaurus's sidebars.js items and ids).  Of the pairs of
# pages next to each other there, both in the book, the share the book
# reads in the same order.  Sites ordered by front matter alone (Hugo,
# Zola, Jekyll, an Obsidian vault) have no such file to read it from.
def nav_pages():
    if generator == "MkDocs":
        class Loader(yaml.SafeLoader):
            pass
        Loader.add_multi_constructor("", lambda l, t, n: None)
        conf = yaml.load(open(os.path.join(root, "mkdocs.yml")), Loader)
        out = []

        def walk(items):
            for it in items or []:
                if isinstance(it, str):
                    out.append(it)
                elif isinstance(it, dict):
                    for v in it.values():
                        if isinstance(v, list):
                            walk(v)
                        elif isinstance(v, str):
                            out.append(v)
        walk(conf.get("nav"))
        docs = conf.get("docs_dir", "docs")
        return [posixpath.join(docs, p) for p in out
                if not re.match(r"[a-z]+://", p)]
    if generator == "GitBook":
        text = open(os.path.join(root, "SUMMARY.md"), encoding="utf-8").read()
        return [unquote(m) for m in
                re.findall(r"^\s*[*+-]\s*\[[^\]]*\]\(([^)#\s]+)", text, re.M)]
    if generator == "Docusaurus":
        text = open(os.path.join(root, "sidebars.js"), encoding="utf-8").read()
        text = re.sub(r"//[^\n]*|/\*.*?\*/", "", text, flags=re.S)
        ids = re.findall(r"""(?:^|[\[,])\s*["']([^"'\n]+)["']\s*(?=[,\]])|"""
                         r"""\bid:\s*["']([^"']+)["']""", text, re.M)
        by_id = {}
        for dirpath, _, files in os.walk(os.path.join(root, "docs")):
            for fn in files:
                if fn.endswith((".md", ".mdx")):
                    path = os.path.relpath(os.path.join(dirpath, fn), root)
                    d = posixpath.dirname(posixpath.relpath(path, "docs"))
                    i = front(path)[0].get("id") or \
                        re.sub(r"^\d+[-_]", "", fn.rsplit(".", 1)[0])
                    by_id[posixpath.join(d, str(i)) if d else str(i)] = path
        return [by_id[a or b] for a, b in ids if (a or b) in by_id]
    return None


nav = nav_pages()
if nav is not None:
    place = {p: i for i, p in enumerate(book_order)}
    seq = [p for p in nav if p in place]
    pairs = list(zip(seq, seq[1:]))
    kept = sum(1 for a, b in pairs if place[a] < place[b])
    share = kept / len(pairs) if pairs else 1.0
    print("%s site %s: %d of %d pages next to each other in the site's "
          "navigation read in its order (%.1f%%)"
          % ("ok" if share >= MIN_ORDER else "not ok", name, kept,
             len(pairs), 100 * share))


# ---- no generator syntax in the book's text (outside code) ----
import zipfile
SYNTAX = re.compile(r"\{\{[<%]|[%>]\}\}|\{%|%\}|^\s*(!!!|\?\?\?\+?|===|:::+)\s*\w|"
                    r"\[![a-zA-Z]+\]|--8<--|\{:\s*[.#]|^\s*(import|export)\s+\w+.*from\s|"
                    r"</?(Tabs|TabItem|Admonition)\b", re.M)
book = sys.argv[6] if len(sys.argv) > 6 else None
found = []
if book:
    z = zipfile.ZipFile(book)
    for nm in sorted(z.namelist()):
        if not nm.endswith(".xhtml"):
            continue
        x = z.read(nm).decode("utf-8")
        x = re.sub(r"<pre[\s>].*?</pre>|<code[\s>].*?</code>", "", x, flags=re.S)
        x = re.sub(r"<[^>]+>", "", x)
        x = x.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        for m in SYNTAX.finditer(x):
            line = x[x.rfind("\n", 0, m.start()) + 1:x.find("\n", m.end())]
            found.append("%s: %s" % (nm, line.strip()[:100]))
    sok = not found
    print("%s site %s: no generator syntax in the book's text outside code "
          "(%d places)" % ("ok" if sok else "not ok", name, len(found)))
    for f in found[:12]:
        print("  " + f)
else:
    sok = True
sys.exit(0 if ok and pok and sok else 1)
