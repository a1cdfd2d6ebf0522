#!/usr/bin/env python3
"""picture-check.py MAX BOOK...: checks, from the bytes of each picture in
each book (not from what hbook says of them), that every picture a reader
meets is one it shows well: PNG, JPEG, GIF or SVG; PNG at most 8 bits a
channel; JPEG in RGB or grey; no side longer than MAX pixels; and no
metadata a camera or editor left (EXIF, GPS, XMP, IPTC, comments, PNG
text).  The drawn cover (images/cover.png) is the one picture allowed its
own size.  Prints "ok ..." or "not ok ..." per book, for tests/run.sh."""
import struct
import sys
import zipfile


def png(d):
    problems, i, w, h = [], 8, 0, 0
    while i + 12 <= len(d):
        n = struct.unpack(">I", d[i:i + 4])[0]
        t = d[i + 4:i + 8]
        if t == b"IHDR":
            w, h = struct.unpack(">II", d[i + 8:i + 16])
            if d[i + 16] > 8:
                problems.append("%d bits a channel" % d[i + 16])
        elif t in (b"eXIf", b"tEXt", b"iTXt", b"zTXt"):
            problems.append(t.decode() + " chunk")
        elif t == b"IEND":
            break
        i += 12 + n
    return w, h, problems


def jpeg(d):
    problems, i, w, h = [], 2, 0, 0
    while i + 4 <= len(d) and d[i] == 0xFF:
        m = d[i + 1]
        if m == 0xD8 or 0xD0 <= m <= 0xD7:
            i += 2
            continue
        n = struct.unpack(">H", d[i + 2:i + 4])[0]
        seg = d[i + 4:i + 2 + n]
        if m == 0xE1 and seg[:4] == b"Exif":
            problems.append("EXIF" + (" with GPS" if b"\x88\x25" in seg or
                                      b"\x25\x88" in seg else ""))
        elif m == 0xE1 and seg[:4] == b"http":
            problems.append("XMP")
        elif m == 0xED:
            problems.append("IPTC")
        elif m == 0xFE:
            problems.append("a comment")
        elif 0xC0 <= m <= 0xCF and m not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", seg[1:5])
            if seg[5] == 4:
                problems.append("CMYK")
        if m == 0xDA:
            break
        i += 2 + n
    return w, h, problems


limit = int(sys.argv[1])
failed = 0
for book in [b for b in sys.argv[2:] if zipfile.is_zipfile(b)]:
    z = zipfile.ZipFile(book)
    bad, count = [], 0
    for name in z.namelist():
        if not name.startswith("EPUB/images/"):
            continue
        d = z.read(name)
        count += 1
        if d[:8] == b"\x89PNG\r\n\x1a\n":
            w, h, p = png(d)
        elif d[:3] == b"\xff\xd8\xff":
            w, h, p = jpeg(d)
        elif d[:6] in (b"GIF87a", b"GIF89a") or b"<svg" in d[:4096]:
            continue
        else:
            bad.append("%s: not a type readers show" % name)
            continue
        if name != "EPUB/images/cover.png" and max(w, h) > limit:
            p.append("%dx%d" % (w, h))
        bad += ["%s: %s" % (name, x) for x in p]
    tag = book.rsplit("/", 1)[-1]
    if bad:
        failed += 1
        print("not ok pictures: %s: %d of %d pictures not ready for a "
              "reader" % (tag, len(bad), count))
        for b in bad[:8]:
            print("  " + b)
    else:
        print("ok pictures: %s: %d pictures, each ready for a reader" %
              (tag, count))
sys.exit(1 if failed else 0)
