from __future__ import annotations

from thoisu.read.html import canonical_url, declared_charset, looks_like_html


def test_canonical_link_in_any_attribute_order() -> None:
    markup = '<html><head><link href="https://a.vn/x.html?a=1&amp;b=2" rel="canonical"></head></html>'
    assert canonical_url(markup) == "https://a.vn/x.html?a=1&b=2"


def test_canonical_preferred_over_open_graph() -> None:
    markup = (
        "<head><meta property='og:url' content='https://og.vn/1'>"
        "<link rel=canonical href=https://canon.vn/1></head>"
    )
    assert canonical_url(markup) == "https://canon.vn/1"
    assert canonical_url("<meta property='og:url' content='https://og.vn/1'>") == "https://og.vn/1"


def test_no_url() -> None:
    assert canonical_url("<html><head><link rel='stylesheet' href='a.css'></head></html>") is None
    assert canonical_url("<link rel='canonical' href=''>") is None


def test_declared_charset() -> None:
    assert declared_charset(b'<meta charset="windows-1258">') == "windows-1258"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">') == "utf-8"
    assert declared_charset(b"<p>no declaration</p>") is None


def test_looks_like_html() -> None:
    assert looks_like_html("<!DOCTYPE html><html>")
    assert looks_like_html("  <!-- comment -->\n<html lang='vi'>")
    assert not looks_like_html("Ngày 21/3, <b>ông</b> Kim")
