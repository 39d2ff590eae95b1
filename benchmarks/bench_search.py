"""4. Full-text search: median and 95th percentile of kamtui.services.search
`search(store, query, limit=50)` over 100 varied queries (words, prefixes,
names, accents or none, two and three words, rare and very common terms, no
match) on the large portfolio's 1,000,000 interaction notes, against the raw
FTS5 MATCH of the same terms ranked by bm25 with LIMIT 50."""

from __future__ import annotations

import random
import sqlite3
import sys

from _common import ROOT, Scratch, median, p95, parser, report, require_db, timed

sys.path.insert(0, str(ROOT))

FIXED = [
    "rodamientos",
    "rodamientos cónicos",
    "correas",
    "cadenas de transmisión",
    "neumática",
    "electroválvulas",
    "grasa",
    "reductores",
    "acoplamientos",
    "sensores inductivos",
    "juntas tóricas",
    "filtros hidráulicos",
    "guantes",
    "variadores",
    "husillos",
    "poleas",
    "bearings",
    "tapered roller",
    "drive chains",
    "solenoid valves",
    "gearboxes",
    "couplings",
    "o-rings",
    "pillow blocks",
    "timing pulleys",
    "ball screws",
    "oil seals",
    "gear pumps",
    "tarifa",
    "price list",
    "contrato marco",
    "framework agreement",
    "auditoría",
    "audit",
    "IATF 16949",
    "ISO 9001",
    "BRC",
    "parada de planta",
    "plant shutdown",
    "turno de noche",
    "night shift",
    "stock de seguridad",
    "safety stock",
    "descuento",
    "EDI",
    "ERP",
    "automatización",
    "automation",
    "mantenimiento predictivo",
    "predictive maintenance",
    "Rodisa",
    "Brammer",
    "Bearings Direct",
    "Hidrotec",
    "factura",
    "invoice",
    "albarán",
    "delivery note",
    "retraso",
    "late",
    "rotura",
    "failure",
    "planta de Vitoria",
    "Bilbao",
    "Manchester",
    "Sevilla",
    "compa",
    "rod",
    "mant",
    "auto",
    "ibañez",
    "munoz",
    "pena",
    "garcía",
    "fernandez",
    "Lucía",
    "Jordi",
    "O'Brien",
    "Smith",
    "línea 3",
    "line 4",
    "revisión trimestral",
    "quarterly review",
    "satisfacción",
    "satisfaction survey",
    "zzqx",
    "nothing matches this",
    "piloto",
    "pilot",
    "homologación",
    "supplier approval",
    "correo electrónico",
    "e-mail only",
    "fiscal",
    "Conservas",
    "Aceros",
    "Logistics Ltd",
]


def queries() -> list[str]:
    out = list(dict.fromkeys(FIXED))[:100]
    r = random.Random(5)
    while len(out) < 100:
        out.append(" ".join(r.sample(FIXED, 2)))
    return out


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    db = require_db(args.db)
    runs = args.runs or 3
    try:
        from kamtui.services.search import fts_query, search
        from kamtui.storage.db import open_store
    except ImportError as exc:
        report("4 search", kamtui=None, skipped=f"kamtui.services.search missing ({exc})")
        return
    qs = queries()
    with Scratch(db, args.work) as scratch:
        store = open_store(scratch.path)
        raw = sqlite3.connect(scratch.path)
        notes = raw.execute(
            "SELECT COUNT(*) FROM interactions WHERE notes IS NOT NULL AND deleted_at IS NULL"
        ).fetchone()[0]
        try:
            for q in qs:  # warm the page cache
                search(store, q)
            kam: dict[str, list[float]] = {q: [] for q in qs}
            base: dict[str, list[float]] = {q: [] for q in qs}
            hits = {}
            for _ in range(runs):
                for q in qs:
                    t, found = timed(lambda q=q: search(store, q, limit=50))
                    kam[q].append(t)
                    hits[q] = len(found)
                    fq = fts_query(q)
                    t, _ = timed(
                        lambda fq=fq: raw.execute(
                            "SELECT rowid FROM search_index WHERE search_index MATCH ?"
                            " ORDER BY rank LIMIT 50",
                            (fq,),
                        ).fetchall()
                    )
                    base[q].append(t)
        finally:
            store.close()
            raw.close()
    k_times = [median(v) for v in kam.values()]
    f_times = [median(v) for v in base.values()]
    slow = sorted(((median(v), q) for q, v in kam.items()), reverse=True)[:5]
    print(
        f"  {len(qs)} queries on {notes:,} notes; slowest: "
        + ", ".join(f"{q!r} {t * 1000:.0f} ms ({hits[q]} hits)" for t, q in slow),
        file=sys.stderr,
    )
    print(
        f"  median kamtui {median(k_times) * 1000:.1f} ms, raw {median(f_times) * 1000:.1f} ms",
        file=sys.stderr,
    )
    report(
        "4 search p95 (100 queries)",
        kamtui=p95(k_times),
        floor=p95(f_times),
        target="p95 <= 50 ms",
        ok=p95(k_times) <= 0.05,
        extra={"median": median(k_times), "floor_median": median(f_times), "notes": notes},
    )


if __name__ == "__main__":
    main()
