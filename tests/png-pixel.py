#!/usr/bin/env python3
"""png-pixel.py BOOK.epub NAME X,Y ...: the colours of a PNG of the book at
the points given, "R G B" a line, read with zlib alone (8-bit palette, grey
or RGB(A), not interlaced: what hbook writes), so the test needs no
imaging library.  NAME is the picture's path in the book (images/x.png)."""
import struct
import sys
import zipfile
import zlib


def unfilter(raw, width, bpp, height):
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pred) & 255
        rows.append(line)
        prev = line
    return rows


def main():
    z = zipfile.ZipFile(sys.argv[1])
    d = z.read("EPUB/" + sys.argv[2])
    i, idat, palette = 8, b"", None
    while i < len(d):
        n, kind = struct.unpack(">I4s", d[i:i + 8])
        body = d[i + 8:i + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"PLTE":
            palette = body
        elif kind == b"IDAT":
            idat += body
        i += 12 + n
    bpp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    assert depth == 8, "8-bit pictures only"
    rows = unfilter(zlib.decompress(idat), w, bpp, h)
    for point in sys.argv[3:]:
        x, y = map(int, point.split(","))
        px = rows[y][x * bpp:(x + 1) * bpp]
        if colour == 3:
            px = palette[px[0] * 3:px[0] * 3 + 3]
        elif colour in (0, 4):
            px = bytes([px[0]] * 3)
        print("%d %d %d" % tuple(px[:3]))


if __name__ == "__main__":
    main()
