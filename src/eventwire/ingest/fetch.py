"""Fetch one http(s) document with a timeout, a size cap and a redirect limit (settings.py).

Unless allowed, a URL whose host resolves to any private, loopback, link-local or otherwise
non-public address is refused, before connecting and after every redirect; the address actually
connected to is checked too, so a host that re-resolves between the check and the connection
cannot slip through. Proxies from the environment are not used.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from email.message import Message
from typing import IO, Any
from urllib.parse import urlsplit

from .. import settings
from ..errors import InputError
from ..records import RawInput
from .decode import decode_bytes, html_charset

USER_AGENT = "Mozilla/5.0 (compatible; eventwire)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 65536


class _Refused(Exception):
    """A URL that must not be fetched; the message is the reason."""


def fetch(url: str, allow_private: bool = False) -> RawInput:
    """The document at `url` as a RawInput (html or text); raise InputError naming the URL and the reason."""
    try:
        check_url(url, allow_private)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                       "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"})
        with _opener(allow_private).open(request, timeout=settings.FETCH_TIMEOUT_S) as response:
            data = _read_capped(response, response.headers)
            headers: Message = response.headers
            final_url = response.geturl()
    except _Refused as e:
        raise InputError(url, str(e)) from None
    except urllib.error.HTTPError as e:
        if str(e.msg).startswith(urllib.request.HTTPRedirectHandler.inf_msg):
            raise InputError(url, f"too many redirects (the limit is {settings.FETCH_MAX_REDIRECTS})") from None
        raise InputError(url, f"HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise InputError(url, f"cannot connect: {_reason(e.reason)}") from None
    except TimeoutError:
        raise InputError(url, f"timed out after {settings.FETCH_TIMEOUT_S:g} s") from None
    except (OSError, http.client.HTTPException) as e:
        raise InputError(url, f"fetch failed: {_reason(e)}") from None
    content_type = headers.get_content_type() if headers.get("Content-Type") else None
    if content_type and content_type not in _HTML_TYPES and content_type != "text/plain":
        raise InputError(url, f"unsupported content type {content_type!r}: only HTML and plain text")
    is_html = content_type in _HTML_TYPES or (content_type is None and data.lstrip()[:1] == b"<")
    declared = headers.get_content_charset() or (html_charset(data) if is_html else None)
    text = decode_bytes(data, url, declared)
    if not text.strip():
        raise InputError(url, "empty response")
    if is_html:
        return RawInput(doc_id=url, origin=url, html=text, url=final_url)
    return RawInput(doc_id=url, origin=url, text=text, url=final_url)


def check_url(url: str, allow_private: bool) -> None:
    """Refuse a non-http(s) URL, and unless allowed one whose host has any non-public address."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise _Refused(f"unsupported URL scheme {parts.scheme!r}: only http and https")
    if not parts.hostname:
        raise _Refused("URL has no host")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except ValueError as e:
        raise _Refused(f"bad URL: {e}") from None
    except socket.gaierror as e:
        raise _Refused(f"cannot resolve host {parts.hostname!r}: {e.strerror}") from None
    if not allow_private:
        for *_, sockaddr in infos:
            _check_address(str(sockaddr[0]), parts.hostname)


def is_public(address: str) -> bool:
    """Whether an IP address is globally routable (not private, loopback, link-local, reserved, multicast)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _check_address(address: str, host: str) -> None:
    if not is_public(address):
        raise _Refused(f"host {host!r} has the non-public address {address} (use --allow-private to fetch it)")


def _read_capped(response: IO[bytes], headers: Message) -> bytes:
    length = headers.get("Content-Length")
    if length and length.isdigit() and int(length) > settings.FETCH_MAX_BYTES:
        raise _Refused(f"response is {int(length):,} bytes, over the {settings.FETCH_MAX_BYTES:,}-byte limit")
    deadline = time.monotonic() + settings.FETCH_TIMEOUT_S
    chunks, size = [], 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > settings.FETCH_MAX_BYTES:
            raise _Refused(f"response is over the {settings.FETCH_MAX_BYTES:,}-byte limit")
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(reason: Any) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return str(reason.strerror)
    return str(reason) or type(reason).__name__


class _PublicHTTPConnection(http.client.HTTPConnection):
    """Checks the address it actually connected to, before any byte is sent."""

    def connect(self) -> None:
        super().connect()
        peer = self.sock.getpeername()[0]
        if not is_public(peer):
            self.sock.close()
            raise _Refused(f"host {self.host!r} connected to the non-public address {peer} "
                           "(use --allow-private to fetch it)")


class _PublicHTTPSConnection(http.client.HTTPSConnection, _PublicHTTPConnection):
    """HTTPSConnection.connect calls _PublicHTTPConnection.connect before the TLS handshake."""


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPSConnection, req, context=self._context)  # type: ignore[attr-defined]


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most FETCH_MAX_REDIRECTS redirects, checking each target like the first URL."""

    max_redirections = settings.FETCH_MAX_REDIRECTS

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: Message, newurl: str) -> urllib.request.Request | None:
        check_url(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(allow_private: bool) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [urllib.request.ProxyHandler({}), _CheckedRedirects(allow_private)]
    if not allow_private:
        handlers += [_PublicHTTPHandler(), _PublicHTTPSHandler()]
    return urllib.request.build_opener(*handlers)
