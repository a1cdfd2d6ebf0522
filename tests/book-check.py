#!/usr/bin/env python3
"""book-check.py NAME BOOK.epub [LIST]: does the book read like a finished
book?  One "ok"/"not ok" line per check:

- every article chapter has body text (not only its title);
- no chapter shows its lede twice (the first paragraph beginning with it);
- at most 10% of chapters hold under 300 characters of text (a chapter:
  an article's page, or a section's page with text of its own; a section's
  page that is only its title and contents is a divider, as a part's title
  page is in a printed book);
- the package names a creator and a date after 1990;
- with LIST (`hbook list` of the book), the contents nest its chapters as
  deep as the site's folders nest its pages: a page in a/b/ is at level 3,
  a folder's index, _index or README page at its folder's level, and a
  Jekyll collection's _folder is no level.  Entries within a page (its
  headings, short pages shown on a section's page) are not chapters.

Apart from the folders LIST names, it reads the EPUB only, so it checks
what a reader gets."""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

X = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
SHORT = 300
SHORT_SHARE = 0.10


def text(el):
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def chapters(z):
    """(file, root) of each linear spine document, in reading order."""
    opf_path = re.search(rb'full-path="([^"]+)"',
                         z.read("META-INF/container.xml")).group(1).decode()
    opf = ET.fromstring(z.read(opf_path))
    base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
    items = {i.get("id"): i.get("href") for i in opf.iter(OPF + "item")}
    docs = []
    for ref in opf.iter(OPF + "itemref"):
        if ref.get("linear") == "no":
            continue
        href = items[ref.get("idref")]
        docs.append((href, ET.fromstring(z.read(base + href))))
    return opf, docs


def body_text(sec):
    """A chapter's text without its header (category label and title) and,
    on a section's page, without the list of what the section holds."""
    parts = []
    for child in sec:
        if child.tag in (X + "header", X + "h1"):
            continue
        if "contents" in child.get("class", "").split() or \
                "contents-title" in child.get("class", "").split():
            continue
        parts.append(text(child))
    return " ".join(p for p in parts if p)


def nav_depth(z, opf):
    """How deep the contents nest chapters (entries of a page left out)."""
    nav = next(i.get("href") for i in opf.iter(OPF + "item")
               if "nav" in (i.get("properties") or "").split())
    path = next(n for n in z.namelist() if n.endswith("/" + nav) or n == nav)
    root = ET.fromstring(z.read(path))

    def depth(ol):
        most = 0
        for li in ol.findall(X + "li"):
            a = li.find(X + "a")
            if a is None or "#" in a.get("href", ""):
                continue
            sub = li.find(X + "ol")
            most = max(most, 1 + (depth(sub) if sub is not None else 0))
        return most
    for n in root.iter(X + "nav"):
        if n.get("{http://www.idpf.org/2007/ops}type") == "toc":
            return depth(n.find(X + "ol"))
    return 0


def site_depth(listing):
    """How deep the site's folders nest the pages the book holds."""
    contents, most = [], 0
    for line in open(listing, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] == "content":
            contents.append("" if f[1] == "." else f[1])
        if f[0] == "article" and "#" not in f[2]:
            path = f[3]
        elif f[0] == "section" and len(f) > 4:
            path = f[4]
        else:
            continue
        for c in contents:
            if c and path.startswith(c + "/"):
                path = path[len(c) + 1:]
                break
        parts = [p for p in path.split("/")[:-1] if not p.startswith("_")]
        stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
        most = max(most, len(parts) + (stem not in ("index", "_index",
                                                     "readme")))
    return most


def main():
    name, book = sys.argv[1], sys.argv[2]
    want_depth = site_depth(sys.argv[3]) if len(sys.argv) > 3 else None
    z = zipfile.ZipFile(book)
    opf, docs = chapters(z)
    empty, twice, short, n = [], [], [], 0
    for href, root in docs:
        for sec in root.iter(X + "section"):
            cls = sec.get("class", "").split()
            if "article" not in cls and "section" not in cls:
                continue
            body = body_text(sec)
            if "section" in cls and not body:
                break       # a divider: the section's title and contents
            n += 1
            if "article" in cls and not body:
                empty.append(href)
            if len(body) < SHORT:
                short.append(href)
            # each lede (an article's, or each entry's of a merged page)
            # against the first paragraph of its own text
            parent = {c: p for p in sec.iter() for c in p}
            for lede in sec.iter(X + "p"):
                if "lede" not in lede.get("class", "").split():
                    continue
                box = parent[lede]
                if box.tag == X + "header":
                    box = parent[box]
                ps = list(box.iter(X + "p"))
                after = ps[ps.index(lede) + 1:] if lede in ps else []
                first = text(after[0]) if after else ""
                if text(lede) and first.startswith(text(lede)):
                    twice.append(href)
            break
    say = []
    say.append(("every article chapter has body text",
                not empty, "%d empty: %s" % (len(empty), ", ".join(empty[:3]))))
    say.append(("no lede shown twice", not twice,
                "%d: %s" % (len(twice), ", ".join(twice[:3]))))
    share = len(short) / n if n else 0
    say.append(("%d of %d chapters under %d characters (%.1f%%, at most %d%%)"
                % (len(short), n, SHORT, 100 * share, 100 * SHORT_SHARE),
                share <= SHORT_SHARE, ", ".join(short[:5])))
    creator = opf.find(".//" + DC + "creator")
    say.append(("a creator", creator is not None and text(creator), ""))
    mod = next((m.text for m in opf.iter(OPF + "meta")
                if m.get("property") == "dcterms:modified"), "")
    say.append(("a date after 1990 (%s)" % mod,
                bool(re.match(r"(199[1-9]|2\d{3})-", mod or "")), ""))
    if want_depth is not None:
        d = nav_depth(z, opf)
        say.append(("chapters nest %d levels deep in the contents, as the "
                    "site's folders nest its pages" % d, d == want_depth,
                    "the site's: %d" % want_depth))
    for what, good, why in say:
        if good:
            print("ok book %s: %s" % (name, what))
        else:
            print("not ok book %s: %s: %s" % (name, what, why))


if __name__ == "__main__":
    main()
