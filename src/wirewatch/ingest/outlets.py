"""The outlet a report came from, when the input does not name one: the URL's registered domain.

"https://news.bbc.co.uk/world/123" is ``bbc.co.uk``: the domain one level below its public suffix,
found with the Public Suffix List (the ``publicsuffixlist`` package, which ships the list itself and
never fetches it). A bare host with no public suffix (``localhost``) or an IP address is kept as it
is; a URL with no host gives no outlet.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

__all__ = ["outlet_of_url"]


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


@lru_cache(maxsize=65536)
def outlet_of_url(url: str) -> str | None:
    """The registered domain of ``url`` (lower case), or None if it names no host."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # a malformed URL (an unclosed IPv6 bracket) names no outlet
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    return _psl().privatesuffix(host) or host
