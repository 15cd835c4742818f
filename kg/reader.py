"""Files -> `Document`s: text files in any common encoding form, and HTML pages.

HTML pages go through trafilatura, a library made to find a page's main text, headline and
publication date while leaving out menus, sidebars, scripts, styles and footers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.errors import DocumentError
from kg.extract.text import normalize, slug
from kg.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024
MIN_ARTICLE_WORDS = 15  # below this, what trafilatura finds on a page is a menu or a caption, not an article

_MAGIC = {
    b"%PDF": "a PDF file", b"\x89PNG": "a PNG image", b"PK\x03\x04": "a zip archive (or .docx/.xlsx)",
    b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\xd0\xcf\x11\xe0": "an old MS Office file",
}


def decode(data: bytes, path: str) -> str:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise DocumentError(path, f"is {what}, not text", "convert it to .txt or .html first")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DocumentError(path, f"is not valid UTF-16 ({e.reason})", "re-save it as UTF-8") from None
    if b"\x00" in data[:4096]:
        raise DocumentError(path, "looks binary (NUL bytes)", "only text and HTML files can be read")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DocumentError(
            path, f"is not valid UTF-8 (byte {e.start}: {data[e.start:e.start + 1]!r})",
            "re-save it as UTF-8 (e.g. iconv -f cp1258 -t utf-8)") from None


def document_id(path: Path) -> str:
    """The slug of a document IRI: its file name (stable across runs and folders)."""
    return slug(path.name, 120)


def read_document(path: Path) -> Document:
    """Read and normalize one file; raises DocumentError with a plain message when it cannot."""
    p = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(p, f"is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit",
                                "split it into articles")
        data = path.read_bytes()
    except PermissionError:
        raise DocumentError(p, "cannot be read (permission denied)", "check the file's permissions") from None
    except FileNotFoundError:
        raise DocumentError(p, "does not exist", "check the path") from None
    except IsADirectoryError:
        raise DocumentError(p, "is a directory", "pass the folder itself to read all its files") from None
    except OSError as e:
        raise DocumentError(p, f"cannot be read ({e.strerror})",
                            "check the file, its disk and its permissions") from None
    if not data.strip():
        raise DocumentError(p, "is empty", "nothing to extract")
    raw = decode(data, p)
    headline = None
    published = None
    if path.suffix.lower() in HTML_SUFFIXES:
        raw, headline, published = html_to_text(raw, p)
    text = normalize(raw)
    if not text.strip():
        raise DocumentError(p, "has no text", "nothing to extract")
    doc = Document(source=path.name, text=text, slug=document_id(path),
                   content_hash="sha256:" + hashlib.sha256(data).hexdigest())
    doc.headline = headline
    if published:
        from kg.extract.dates import find_dates

        found = find_dates(published)
        if found:
            doc.published = found[0].date
    return doc


def html_to_text(html: str, path: str) -> tuple[str, str | None, str | None]:
    """(text with the headline as its first line, headline, ISO publication date) of an HTML page."""
    import trafilatura

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                         favor_recall=True)
    if result is None or len((getattr(result, "text", None) or "").split()) < MIN_ARTICLE_WORDS:
        raise DocumentError(path, "is an HTML page with no article text", "save the article page itself")
    title = (result.title or "").strip() or None
    body = _with_captions(html, result.text.strip())
    date = result.date
    published = None
    if date:
        y, m, d = (date.split("-") + ["", ""])[:3]
        published = f"{int(d)}/{int(m)}/{y}" if d and m else None
    lines = [title] if title else []
    if published:
        lines.append(f"Date: {published}")
    if title and body.startswith(title):
        body = body[len(title):].lstrip()
    return "\n".join(lines + [body]), title, published


def _with_captions(html: str, body: str) -> str:
    """The article's text with its photo captions, which trafilatura leaves out but which often tell who
    signed ("Representatives of QUACERT and JQA exchange the signed agreement …"). Each caption follows
    the paragraph before its figure; captions in menus, sidebars, headers and footers stay out."""
    if "figcaption" not in html.lower():
        return body
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return body
    lines = body.split("\n")
    for cap in tree.iter("figcaption"):
        if any(a.tag in {"nav", "aside", "footer", "header"} for a in cap.iterancestors()):
            continue
        text = " ".join(cap.text_content().split())
        if len(text.split()) < 4 or text in body:
            continue
        at = len(lines)
        figure = next((a for a in cap.iterancestors() if a.tag == "figure"), cap)
        before = figure.getprevious()
        while before is not None and not " ".join(before.text_content().split()):
            before = before.getprevious()
        if before is not None:
            opening = " ".join(before.text_content().split())[:40]
            at = next((i + 1 for i, ln in enumerate(lines) if opening and ln.startswith(opening)), len(lines))
        lines.insert(at, text)
    return "\n".join(lines)
