"""Pages that module apps add to the facilitator's navigation, registered from their
``AppConfig.ready()``, so the core's templates link to them without knowing them.

- ``site`` links go in the top bar (the ritual library);
- ``workshop`` links go on every workshop's page (results, the culture program); their URL
  takes the workshop's id.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class PageLink:
    # Registered as gettext_lazy text: each reader sees it in their own language.
    label: str
    url_name: str
    position: int = 100


_SITE: dict[str, PageLink] = {}
_WORKSHOP: dict[str, PageLink] = {}


def register_site_link(label: str, url_name: str, position: int = 100) -> None:
    _SITE[url_name] = PageLink(label, url_name, position)


def register_workshop_link(label: str, url_name: str, position: int = 100) -> None:
    _WORKSHOP[url_name] = PageLink(label, url_name, position)


def _ordered(links: dict[str, PageLink]) -> list[PageLink]:
    return sorted(links.values(), key=lambda link: (link.position, link.label))


def site_links() -> list[tuple[str, str]]:
    return [(str(link.label), reverse(link.url_name)) for link in _ordered(_SITE)]


def workshop_links(workshop_id: int) -> list[tuple[str, str]]:
    return [
        (str(link.label), reverse(link.url_name, args=[workshop_id]))
        for link in _ordered(_WORKSHOP)
    ]


def navigation(request) -> dict:
    """Context processor: the top bar's module pages, for logged-in facilitators."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"site_links": []}
    return {"site_links": site_links()}
