#!/usr/bin/python3
"""Writes the sniffer corpus: small CSV files shaped like real exports, and expected.json.

usage: make.py [DIR]     (default: the directory this script is in)

Every file comes from its own random.Random seeded with the file's name, so the output is the same
bytes on every run and every machine, and changing one generator leaves the other files alone.
Each generator returns the file's bytes and what a person reading the file would say its dialect is:
the delimiter, the quote (null: nothing is quoted), the escape (null: a quote inside quotes is
doubled, or there is none), the preamble lines before the table (skip), whether the first record
is a header, and the comment prefix. Those judgments are written by hand here, next to the code
that shapes the file, and never taken from a sniffer's answer. Standard library only.
"""
import json
import os
import random
import sys
import zlib

FILES = {}  # name -> (bytes, expectation), filled by the @corpus generators


def corpus(name):
    """Registers a generator; it receives a Random seeded with the file name."""
    def wrap(fn):
        def run():
            return fn(random.Random(zlib.crc32(name.encode())))
        FILES[name] = run
        return fn
    return wrap


def expect(delimiter, quote, header, skip=0, escape=None, comment=None):
    return {"delimiter": delimiter, "quote": quote, "escape": escape, "skip": skip, "header": header,
            "comment": comment}


def field(v, delim, quote, escape=None, always=False):
    """One field: quoted when it must be (or always); a quote inside is doubled or escaped."""
    v = str(v)
    if quote is None:
        assert delim not in v and "\n" not in v and "\r" not in v, (v, delim)
        return v
    if always or delim in v or quote in v or "\n" in v or "\r" in v or (escape and escape in v):
        if escape:
            v = v.replace(escape, escape + escape).replace(quote, escape + quote)
        else:
            v = v.replace(quote, quote + quote)
        return quote + v + quote
    return v


def table(rows, delim, quote='"', eol="\n", escape=None, always=False, sep=None):
    """Rows of values as text; sep (default delim) is what is written between fields."""
    sep = delim if sep is None else sep
    return "".join(sep.join(field(v, delim, quote, escape, always) for v in r) + eol for r in rows)


def budget(rng, lo, hi, width):
    """A row count in [lo, hi] that keeps a file of rows about `width` bytes wide under ~7 KiB."""
    return max(lo, min(rng.randint(lo, hi), 7000 // max(width, 1)))


def de_num(x):
    """1234.5 -> '1.234,50' (German and Dutch bank exports)."""
    s = "%.2f" % abs(x)
    whole, frac = s.split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return ("-" if x < 0 else "") + ".".join(groups) + "," + frac


def fr_num(x):
    """1234.5 -> '1234,50' (French exports write no thousands separator in a CSV)."""
    return ("%.2f" % x).replace(".", ",")


def days(rng, n, year=2024, month=1):
    """n (year, month, day) in calendar order, a few a day or a few days apart, as statements are."""
    out, d = [], 1
    for _ in range(n):
        out.append((year, month, d))
        d += rng.choice([0, 1, 1, 2, 3])
        if d > 28:
            d, month = 1, month % 12 + 1
    return out


def dates(rng, n, fmt="%02d.%02d.%d", month=1):
    """Day-first dates: 31.01.2024 (German), 31/01/2024 (French), 31-01-2024 (Dutch)."""
    return [fmt % (d, m, y) for y, m, d in days(rng, n, month=month)]


def iso_dates(rng, n, month=1):
    return ["%d-%02d-%02d" % t for t in days(rng, n, month=month)]


DE_PAYEES = ["REWE Markt GmbH", "EDEKA Center", "Stadtwerke München", "Amazon EU S.a.r.l.", "Deutsche Bahn AG",
             "Vodafone GmbH", "Allianz Versicherungs-AG", "dm-drogerie markt", "Lidl Dienstleistung",
             "Finanzamt Köln-Süd", "Max Mustermann", "Erika Musterfrau", "Shell Deutschland", "IKEA Deutschland"]
DE_TEXT = ["Lastschrift", "Überweisung", "Kartenzahlung", "Dauerauftrag", "Gutschrift", "Gehalt/Rente"]
DE_PURPOSE = ["Miete Januar", "Rechnung 2024-118", "Einkauf vom %02d.01.", "Abschlag Strom", "Mitgliedsbeitrag",
              "Kundennr. 4711 Vertrag 88", "Erstattung Bestellung 302-55", "Tanken", "Lohn/Gehalt", "Spende"]
FR_LABELS = ["PRLV SEPA EDF", "CB CARREFOUR MARKET", "VIR SEPA SALAIRE", "CB SNCF INTERNET", "CHQ 0012345",
             "PRLV SEPA ORANGE", "CB PHARMACIE DU CENTRE", "VIR INST M. DUPONT", "CB BOULANGERIE PAUL",
             "FRAIS TENUE DE COMPTE", "RETRAIT DAB LYON", "CB FNAC DARTY"]
NL_NAMES = ["Albert Heijn 1403", "NS Groep IZ Reizigers", "Belastingdienst", "Ziggo Services BV", "Bol.com BV",
            "Gemeente Utrecht", "J. de Vries", "Jumbo Supermarkten", "Eneco Consumenten", "HEMA BV", "Kruidvat 7021"]
FIRST = ["Anna", "Ben", "Clara", "David", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kavya", "Liam",
         "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wen", "Yusuf", "Zoe"]
LAST = ["Smith", "Garcia", "Müller", "Rossi", "Nowak", "Kim", "Okafor", "Dubois", "Jensen", "Silva", "Tanaka",
        "O'Brien", "Novak", "Haddad", "Larsen", "Moreau", "Singh", "Cohen", "Ivanova", "Brown"]
CITIES = ["Springfield", "Riverton", "Lakeside", "Fairview", "Georgetown", "Salem", "Madison", "Franklin",
          "Clinton", "Arlington", "Ashland", "Burlington", "Dover", "Milton", "Newport", "Oxford"]
STREETS = ["Main St", "Oak Ave", "Maple Rd", "Cedar Ln", "Elm St", "Pine Ct", "Washington Blvd", "Lake Dr"]
PRODUCTS = ["Stainless Steel Bottle 750 ml", "Wireless Mouse M185", "USB-C Cable 2 m", "Desk Lamp LED",
            "Notebook A5 dotted", "Coffee Beans 1 kg", "Yoga Mat 6 mm", "Bluetooth Speaker Mini", "Office Chair",
            "Water Filter Jug", "Running Socks (3 pairs)", "HDMI Adapter", "Phone Stand", "Backpack 20 l"]


def person(rng):
    return rng.choice(FIRST), rng.choice(LAST)


def email(first, last, rng):
    return "%s.%s@%s" % (first.lower(), last.lower().replace("'", "").replace("ü", "ue"),
                         rng.choice(["example.com", "mail.example.org", "example.net"]))


# ---- bank statements: ';', decimal comma, localized headers, preamble lines ----

def de_statement(rng, n, quoted):
    rows, saldo = [], rng.uniform(800, 6000)
    for day in dates(rng, n):
        amt = round(rng.choice([-1, -1, -1, 1]) * rng.uniform(3, 1400), 2)
        saldo += amt
        purpose = rng.choice(DE_PURPOSE)
        if "%" in purpose:
            purpose = purpose % rng.randint(1, 28)
        rows.append([day, day, rng.choice(DE_TEXT), rng.choice(DE_PAYEES), purpose, de_num(amt), de_num(saldo)])
    head = ["Buchungstag", "Valuta", "Buchungstext", "Auftraggeber / Begünstigter", "Verwendungszweck",
            "Betrag (EUR)", "Saldo (EUR)"]
    return table([head] + rows, ";", '"', always=quoted)


@corpus("bank-de-sparkasse.csv")
def _(rng):
    pre = ('"Kontoauszug"\n"Konto: DE12 3705 0198 0012 3456 78"\n"Zeitraum: 01.01.2024 - 31.03.2024"\n'
           '"Kontoinhaber: Max Mustermann"\n')
    return pre + de_statement(rng, budget(rng, 40, 80, 130), quoted=True), expect(";", '"', True, skip=4)


@corpus("bank-de-giro.csv")
def _(rng):
    pre = ("Umsatzanzeige;Girokonto\nKonto;DE44 5001 0517 5407 3249 31\nZeitraum;01.02.2024 bis 29.02.2024\n"
           "Kontostand;4.210,77 EUR\n\n")
    return pre + de_statement(rng, budget(rng, 30, 60, 120), quoted=False), expect(";", None, True, skip=5)


@corpus("bank-de-plain.csv")
def _(rng):
    return de_statement(rng, budget(rng, 50, 90, 120), quoted=False), expect(";", None, True)


@corpus("bank-de-umsatz.csv")
def _(rng):
    pre = "Kontonummer: 0123456789\nBLZ: 37050198\nAuszug erstellt am: 02.04.2024 09:14\n\n"
    rows = [["Datum", "Empfänger", "Verwendungszweck", "Betrag", "Währung"]]
    for day in dates(rng, budget(rng, 40, 70, 80)):
        rows.append([day, rng.choice(DE_PAYEES), rng.choice(DE_TEXT), de_num(rng.uniform(-900, 300)), "EUR"])
    return pre + table(rows, ";", '"'), expect(";", None, True, skip=4)


def fr_statement(rng, n):
    rows = [["Date opération", "Date valeur", "Libellé", "Débit", "Crédit"]]
    for day in dates(rng, n, fmt="%02d/%02d/%d"):
        lab = rng.choice(FR_LABELS)
        amt = fr_num(rng.uniform(2, 900))
        credit = lab.startswith("VIR")
        rows.append([day, day, lab, "" if credit else "-" + amt, amt if credit else ""])
    return rows


@corpus("bank-fr-releve.csv")
def _(rng):
    pre = ("Compte courant n° 00012345678;;;;\nTitulaire : M. Jean DUPONT;;;;\nSolde au 31/03/2024 : 2 345,67 EUR;;;;\n"
           ";;;;\n")
    return (pre + table(fr_statement(rng, budget(rng, 40, 80, 70)), ";", None),
            expect(";", None, True, skip=4))


@corpus("bank-fr-export.csv")
def _(rng):
    pre = '"Relevé de compte";"Compte Chèques"\n"Période";"du 01/01/2024 au 31/01/2024"\n'
    return (pre + table(fr_statement(rng, budget(rng, 40, 80, 70)), ";", '"', always=True),
            expect(";", '"', True, skip=2))


@corpus("bank-nl-ing.csv")
def _(rng):
    rows = [["Datum", "Naam / Omschrijving", "Rekening", "Tegenrekening", "Code", "Af Bij", "Bedrag (EUR)",
             "Mutatiesoort", "Mededelingen"]]
    for d in iso_dates(rng, budget(rng, 40, 70, 150)):
        af = rng.random() < 0.8
        rows.append([d.replace("-", ""), rng.choice(NL_NAMES), "NL69INGB0123456789",
                     "NL%02dRABO0%09d" % (rng.randint(10, 99), rng.randint(0, 10**9 - 1)),
                     rng.choice(["BA", "GT", "IC", "OV"]), "Af" if af else "Bij", fr_num(rng.uniform(1, 700)),
                     rng.choice(["Betaalautomaat", "Online bankieren", "Incasso", "Overschrijving"]),
                     "Pasvolgnr: 002 %02d-01-2024 12:%02d" % (rng.randint(1, 28), rng.randint(0, 59))])
    # ING writes every field quoted and a comma between them: the decimal comma lives inside quotes.
    return table(rows, ",", '"', always=True), expect(",", '"', True)


@corpus("bank-nl-rabo.csv")
def _(rng):
    pre = "Rekeningoverzicht;NL91 RABO 0316 0123 45\nPeriode;01-03-2024 t/m 31-03-2024\n\n"
    rows = [["Datum", "Omschrijving", "Tegenpartij", "Bedrag", "Saldo na mutatie"]]
    saldo = rng.uniform(200, 3000)
    for d in dates(rng, budget(rng, 40, 80, 80), fmt="%02d-%02d-%d", month=3):
        amt = rng.uniform(-400, 150)
        saldo += amt
        rows.append([d, rng.choice(["Betaling", "Incasso", "iDEAL", "Storting"]), rng.choice(NL_NAMES),
                     de_num(amt), de_num(saldo)])
    return pre + table(rows, ";", None), expect(";", None, True, skip=3)


# ---- sensor logs: tab or space, timestamps, numbers ----

def readings(rng, n, t0=1709280000, step=60):
    t, temp, hum, pres = t0, rng.uniform(15, 25), rng.uniform(30, 60), rng.uniform(990, 1030)
    for _ in range(n):
        temp += rng.uniform(-0.3, 0.3)
        hum = min(99.0, max(5.0, hum + rng.uniform(-1, 1)))
        pres += rng.uniform(-0.4, 0.4)
        yield t, temp, hum, pres
        t += step


def iso(t):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


@corpus("sensor-tab-weather.tsv")
def _(rng):
    rows = [["timestamp", "station", "temp_c", "humidity_pct", "pressure_hpa"]]
    for t, a, b, c in readings(rng, budget(rng, 80, 150, 55)):
        rows.append([iso(t), "WS-%02d" % rng.randint(1, 4), "%.2f" % a, "%.1f" % b, "%.1f" % c])
    return table(rows, "\t", None), expect("\t", None, True)


@corpus("sensor-tab-power.tsv")
def _(rng):
    rows = [["time", "voltage_v", "current_a", "power_w", "energy_kwh"]]
    e = 0.0
    for t, a, _b, _c in readings(rng, budget(rng, 80, 160, 50), step=15):
        v, i = 229 + rng.uniform(-3, 3), max(0.0, a / 4 + rng.uniform(-1, 1))
        e += v * i * 15 / 3.6e6
        rows.append([iso(t).replace("T", " ").rstrip("Z"), "%.1f" % v, "%.3f" % i, "%.1f" % (v * i), "%.4f" % e])
    return table(rows, "\t", None), expect("\t", None, True)


@corpus("sensor-tab-noheader.tsv")
def _(rng):
    rows = [[str(t), "%.3f" % a, "%.3f" % b, "%.2f" % c] for t, a, b, c in readings(rng, budget(rng, 80, 160, 35))]
    return table(rows, "\t", None), expect("\t", None, False)


@corpus("sensor-space-env.txt")
def _(rng):
    rows = [["timestamp", "temp_c", "rh", "co2_ppm", "pm25"]]
    for t, a, b, _c in readings(rng, budget(rng, 80, 150, 45), step=30):
        rows.append([iso(t), "%.2f" % a, "%.1f" % b, str(rng.randint(400, 1400)), "%.1f" % rng.uniform(1, 40)])
    return table(rows, " ", None), expect(" ", None, True)


@corpus("sensor-space-accel.dat")
def _(rng):
    rows = [["t_ms", "ax", "ay", "az", "gx", "gy", "gz"]]
    for i in range(budget(rng, 80, 150, 50)):
        rows.append([str(i * 10)] + ["%.4f" % rng.gauss(0, 0.2) for _ in range(2)] + ["%.4f" % rng.gauss(9.81, 0.1)]
                    + ["%.3f" % rng.gauss(0, 1.5) for _ in range(3)])
    return table(rows, " ", None), expect(" ", None, True)


@corpus("sensor-space-noheader.log")
def _(rng):
    rows = [[iso(t), "node%d" % rng.randint(1, 3), "%.2f" % a, "%.2f" % b]
            for t, a, b, _c in readings(rng, budget(rng, 60, 120, 45), step=5)]
    return table(rows, " ", None), expect(" ", None, False)


# ---- government open data: quoted fields with commas and line breaks, CRLF ----

def violations(rng):
    items = ["Food contact surfaces not clean", "Hand sink blocked, no soap", "Cold holding above 41F",
             "Floors, walls and ceilings in poor repair", "No certified food manager on site",
             "Improper storage of chemicals"]
    picked = rng.sample(items, rng.randint(0, 3))
    return "\n".join("%d. %s" % (i + 1, v) for i, v in enumerate(picked))


@corpus("opendata-inspections.csv")
def _(rng):
    rows = [["Facility Name", "Address", "City", "Zip", "Inspection Date", "Score", "Violations"]]
    for d in iso_dates(rng, budget(rng, 30, 50, 140)):
        rows.append(["%s's %s" % (rng.choice(LAST), rng.choice(["Diner", "Bakery", "Grill", "Cafe, Bar & Grill"])),
                     "%d %s, Suite %d" % (rng.randint(1, 999), rng.choice(STREETS), rng.randint(1, 20)),
                     rng.choice(CITIES), "%05d" % rng.randint(10000, 99999), d, rng.randint(60, 100),
                     violations(rng)])
    return table(rows, ",", '"', eol="\r\n"), expect(",", '"', True)


@corpus("opendata-permits.csv")
def _(rng):
    rows = [["PERMIT_NO", "ISSUED", "WORK_DESCRIPTION", "VALUATION", "CONTRACTOR", "LAT", "LON"]]
    work = ["Replace roof, 24 squares", 'Install 6" water heater', "Interior remodel of kitchen and bath",
            "New deck, rear yard\nper plan set B", "Solar PV, 7.2 kW, roof mounted", "Demolish garage"]
    for d in iso_dates(rng, budget(rng, 30, 60, 120), month=4):
        rows.append(["BP-2024-%05d" % rng.randint(0, 99999), d, rng.choice(work), "%d.00" % rng.randint(500, 90000),
                     "%s %s Construction, LLC" % person(rng), "%.6f" % rng.uniform(39.6, 39.9),
                     "%.6f" % rng.uniform(-105.1, -104.8)])
    return table(rows, ",", '"', eol="\r\n"), expect(",", '"', True)


@corpus("opendata-budget.csv")
def _(rng):
    rows = [["Fiscal Year", "Department", "Program", "Fund", "Amount"]]
    depts = ["Parks, Recreation and Culture", "Public Works", "Police", "Fire and Rescue", "Health, Housing and Welfare"]
    for _ in range(budget(rng, 40, 80, 80)):
        rows.append([rng.choice([2022, 2023, 2024]), rng.choice(depts),
                     rng.choice(["Operations", "Capital", "Grants", "Personnel"]),
                     rng.choice(["General Fund", "Special Revenue", "Enterprise"]), "%.2f" % rng.uniform(1e3, 5e6)])
    return table(rows, ",", '"', eol="\r\n", always=True), expect(",", '"', True)


@corpus("opendata-311.csv")
def _(rng):
    rows = [["request_id", "opened", "category", "description", "neighborhood", "status"]]
    desc = ["Pothole on corner, about 2 ft wide", "Streetlight out", 'Graffiti on wall, says "HELLO"',
            "Missed trash pickup\nsecond week in a row", "Tree limb down, blocking sidewalk", "Noise complaint"]
    for i in range(budget(rng, 40, 70, 100)):
        rows.append([100200 + i, "2024-05-%02d %02d:%02d" % (rng.randint(1, 31), rng.randint(0, 23),
                     rng.randint(0, 59)), rng.choice(["Streets", "Sanitation", "Parks", "Noise"]), rng.choice(desc),
                     rng.choice(CITIES), rng.choice(["Open", "Closed", "In Progress"])])
    return table(rows, ",", '"', eol="\r\n"), expect(",", '"', True)


# ---- database dumps: '|' ----

def customers(rng, n):
    for i in range(n):
        f, l = person(rng)
        yield [1000 + i, f, l, email(f, l, rng), rng.choice(CITIES), "2023-%02d-%02d" % (rng.randint(1, 12),
               rng.randint(1, 28)), rng.choice(["t", "f"])]


@corpus("dump-customers.psv")
def _(rng):
    rows = [["customer_id", "first_name", "last_name", "email", "city", "created_at", "active"]]
    rows += list(customers(rng, budget(rng, 60, 120, 70)))
    return table(rows, "|", None), expect("|", None, True)


@corpus("dump-orders.txt")
def _(rng):
    rows = [["order_id", "customer_id", "sku", "qty", "unit_price", "discount", "shipped"]]
    for i in range(budget(rng, 60, 150, 50)):
        rows.append([50000 + i, rng.randint(1000, 1100), "SKU-%04d" % rng.randint(1, 9999), rng.randint(1, 12),
                     "%.2f" % rng.uniform(1, 250), rng.choice(["", "", "0.10", "0.25"]),
                     rng.choice(["", "2024-02-%02d" % rng.randint(1, 28)])])
    return table(rows, "|", None), expect("|", None, True)


@corpus("dump-noheader.psv")
def _(rng):
    return table(list(customers(rng, budget(rng, 60, 120, 70))), "|", None), expect("|", None, False)


@corpus("dump-quoted.psv")
def _(rng):
    rows = [["id", "title", "tags", "price"]]
    tags = ["a|b", "home|garden", "sale", "kitchen|steel|new", ""]
    for i in range(budget(rng, 50, 100, 60)):
        rows.append([i + 1, rng.choice(PRODUCTS), rng.choice(tags), "%.2f" % rng.uniform(2, 300)])
    return table(rows, "|", '"'), expect("|", '"', True)


# ---- single quotes ----

@corpus("squote-contacts.csv")
def _(rng):
    rows = [["id", "name", "company", "phone"]]
    for i in range(budget(rng, 50, 90, 60)):
        f, l = person(rng)
        rows.append([i + 1, "%s, %s" % (l, f), "%s %s" % (rng.choice(LAST), rng.choice(["Inc.", "& Sons", "GmbH"])),
                     "+1-555-%04d" % rng.randint(0, 9999)])
    return table(rows, ",", "'"), expect(",", "'", True)


@corpus("squote-all.csv")
def _(rng):
    rows = [["sku", "description", "category", "price"]]
    for i in range(budget(rng, 50, 90, 70)):
        rows.append(["P%05d" % i, rng.choice(PRODUCTS) + rng.choice(["", ", blue", ", large"]),
                     rng.choice(["Home, Garden", "Office", "Sport, Outdoor"]), "%.2f" % rng.uniform(1, 99)])
    return table(rows, ",", "'", always=True), expect(",", "'", True)


@corpus("squote-semicolon.csv")
def _(rng):
    rows = [["Nummer", "Bezeichnung", "Lager", "Bestand"]]
    for i in range(budget(rng, 50, 90, 50)):
        rows.append([i + 100, "'%s; %s'" % (rng.choice(["Schraube", "Mutter", "Dübel"]), rng.choice(["M4", "M6"])),
                     rng.choice(["Halle A", "Halle B; Regal 3"]), rng.randint(0, 900)])
    # Fields are quoted by hand above when they hold a ';' (field() would double the inner quotes).
    text = "".join(";".join(v if isinstance(v, str) and v.startswith("'") else
                            ("'%s'" % v if ";" in str(v) else str(v)) for v in r) + "\n" for r in rows)
    return text, expect(";", "'", True)


# ---- backslash-escaped quotes (MySQL-style dumps) ----

QUOTES = ['The \\"Best\\" Widget', 'Said \\"thanks\\", left', '12\\" pizza tray', 'Plain text',
          'Model \\"X\\"', 'C:\\\\temp\\\\export', 'Nothing special here', 'Size: 3/4\\"']


def bs_rows(rng, n):
    for i in range(n):
        yield [str(i + 1), '"%s"' % rng.choice(QUOTES), '"%s"' % rng.choice(CITIES), "%.2f" % rng.uniform(1, 500)]


@corpus("bsescape-mysql.csv")
def _(rng):
    rows = [["id", "note", "city", "amount"]] + list(bs_rows(rng, budget(rng, 50, 100, 50)))
    return "".join(",".join(r) + "\n" for r in rows), expect(",", '"', True, escape="\\")


@corpus("bsescape-noheader.csv")
def _(rng):
    rows = list(bs_rows(rng, budget(rng, 50, 100, 50)))
    return "".join(",".join(r) + "\n" for r in rows), expect(",", '"', False, escape="\\")


@corpus("bsescape-tab.tsv")
def _(rng):
    rows = [["id", "comment", "author", "score"]]
    for i in range(budget(rng, 50, 100, 55)):
        rows.append([str(i + 1), '"%s"' % rng.choice(QUOTES), '"%s %s"' % person(rng), str(rng.randint(1, 5))])
    return "".join("\t".join(r) + "\n" for r in rows), expect("\t", '"', True, escape="\\")


# ---- comment lines ----

@corpus("comment-export.csv")
def _(rng):
    pre = "# Exported by InvTrack 3.2.1\n# Date: 2024-06-01 14:03:11\n# Warehouse: Central\n"
    rows = [["sku", "name", "on_hand", "reorder_level"]]
    for i in range(budget(rng, 40, 90, 45)):
        rows.append(["SKU-%04d" % (i * 7), rng.choice(PRODUCTS), rng.randint(0, 500), rng.randint(10, 50)])
    return pre + table(rows, ",", '"'), expect(",", None, True, comment="#")


@corpus("comment-sensor.tsv")
def _(rng):
    pre = "# station: ALPHA-7\n# units: temp degC, rh %\n# interval: 60 s\n# firmware 1.4.2\n"
    rows = [["timestamp", "temp", "rh"]] + [[iso(t), "%.2f" % a, "%.1f" % b]
                                            for t, a, b, _c in readings(rng, budget(rng, 60, 120, 40))]
    return pre + table(rows, "\t", None), expect("\t", None, True, comment="#")


@corpus("comment-inline.csv")
def _(rng):
    out = ["# measurements, batch 42\n", "sample,run,value,unit\n"]
    n = budget(rng, 60, 120, 30)
    for i in range(n):
        if i and i % 25 == 0:
            out.append("# run %d starts\n" % (i // 25 + 1))
        out.append("S%03d,%d,%.3f,mg/l\n" % (i, i // 25 + 1, rng.uniform(0.1, 9.9)))
    return "".join(out), expect(",", None, True, comment="#")


@corpus("comment-semicolon.csv")
def _(rng):
    pre = "# Quelle: Statistisches Landesamt\n# Stand: 15.03.2024\n"
    rows = [["Gemeinde", "Einwohner", "Fläche km²", "Dichte"]]
    for _ in range(budget(rng, 40, 80, 40)):
        p, a = rng.randint(800, 90000), rng.uniform(5, 120)
        rows.append([rng.choice(CITIES) + "-" + rng.choice(["Nord", "Süd", "Ost", "West"]), p, fr_num(a),
                     fr_num(p / a)])
    return pre + table(rows, ";", None), expect(";", None, True, comment="#")


# ---- no header ----

@corpus("noheader-numbers.csv")
def _(rng):
    rows = [[rng.randint(1, 500), "%.3f" % rng.uniform(0, 1), rng.randint(0, 65535), "%.1f" % rng.uniform(-40, 40)]
            for _ in range(budget(rng, 80, 180, 25))]
    return table(rows, ",", None), expect(",", None, False)


@corpus("noheader-numbers-semicolon.csv")
def _(rng):
    rows = [[rng.randint(1, 99), fr_num(rng.uniform(0, 100)), fr_num(rng.uniform(0, 10))]
            for _ in range(budget(rng, 80, 180, 20))]
    return table(rows, ";", None), expect(";", None, False)


@corpus("noheader-matrix.tsv")
def _(rng):
    rows = [["%.4f" % rng.gauss(0, 1) for _ in range(6)] for _ in range(budget(rng, 60, 120, 50))]
    return table(rows, "\t", None), expect("\t", None, False)


@corpus("noheader-people.csv")
def _(rng):
    rows = []
    for _ in range(budget(rng, 50, 100, 55)):
        f, l = person(rng)
        rows.append([f + " " + l, rng.choice(CITIES), rng.choice(["Engineer", "Teacher", "Nurse", "Designer"]),
                     email(f, l, rng)])
    return table(rows, ",", '"'), expect(",", None, False)


@corpus("noheader-ledger.csv")
def _(rng):
    rows = [[d, rng.choice(["ACME Corp", "Globex", "Initech", "Umbrella Ltd"]),
             rng.choice(["invoice", "payment", "credit note"]), "%.2f" % rng.uniform(10, 5000)]
            for d in iso_dates(rng, budget(rng, 60, 120, 45))]
    return table(rows, ",", None), expect(",", None, False)


@corpus("noheader-places.txt")
def _(rng):
    places = [("Berlin", "Germany", "Europe"), ("Lyon", "France", "Europe"), ("Osaka", "Japan", "Asia"),
              ("Porto", "Portugal", "Europe"), ("Quito", "Ecuador", "South America"), ("Accra", "Ghana", "Africa"),
              ("Perth", "Australia", "Oceania"), ("Denver", "United States", "North America"),
              ("Lahore", "Pakistan", "Asia"), ("Gdansk", "Poland", "Europe"), ("Cusco", "Peru", "South America")]
    rows = [list(rng.choice(places)) for _ in range(budget(rng, 40, 80, 30))]
    return table(rows, ";", None), expect(";", None, False)


# ---- a header of numbers ----

@corpus("numheader-years.csv")
def _(rng):
    rows = [["2021", "2022", "2023", "2024", "2025"]]
    rows += [["%.2f" % rng.uniform(0, 50) for _ in range(5)] for _ in range(budget(rng, 30, 60, 30))]
    return table(rows, ",", None), expect(",", None, True)


@corpus("numheader-region.csv")
def _(rng):
    rows = [["region", "2022", "2023", "2024"]]
    rows += [["%s %s" % (rng.choice(["North", "South", "East", "West"]), rng.choice(CITIES))]
             + ["%.1f" % rng.uniform(0, 12) for _ in range(3)] for _ in range(budget(rng, 30, 60, 40))]
    return table(rows, ",", None), expect(",", None, True)


@corpus("numheader-quarters.csv")
def _(rng):
    rows = [["2023", "2024", "2025"]] + [[fr_num(rng.uniform(100, 999)) for _ in range(3)]
                                         for _ in range(budget(rng, 30, 60, 22))]
    return table(rows, ";", None), expect(";", None, True)


# ---- one column ----

@corpus("single-emails.csv")
def _(rng):
    rows = [["email"]] + [[email(*person(rng), rng)] for _ in range(budget(rng, 60, 150, 28))]
    return table(rows, ",", None), expect(",", None, True)


@corpus("single-products.txt")
def _(rng):
    rows = [["product_name"]] + [[rng.choice(PRODUCTS)] for _ in range(budget(rng, 40, 100, 20))]
    return table(rows, ",", None), expect(",", None, True)


@corpus("single-values.csv")
def _(rng):
    rows = [["value"]] + [["%.4f" % rng.uniform(0, 100)] for _ in range(budget(rng, 60, 150, 8))]
    return table(rows, ",", None), expect(",", None, True)


# ---- ', ' between fields ----

@corpus("spaced-scores.csv")
def _(rng):
    rows = [["id", "name", "city", "score"]]
    rows += [[i + 1, rng.choice(FIRST), rng.choice(CITIES), rng.randint(0, 100)] for i in range(budget(rng, 50, 100, 32))]
    return table(rows, ",", None, sep=", "), expect(",", None, True)


@corpus("spaced-quoted.csv")
def _(rng):
    rows = [["id", "customer", "total", "status"]]
    for i in range(budget(rng, 50, 100, 45)):
        f, l = person(rng)
        rows.append([i + 1, '"%s, %s"' % (l.replace("'", ""), f), "%.2f" % rng.uniform(5, 900),
                     rng.choice(["paid", "open"])])
    return "".join(", ".join(str(v) for v in r) + "\n" for r in rows), expect(",", '"', True)


@corpus("spaced-semicolon.csv")
def _(rng):
    rows = [["Datum", "Artikel", "Menge", "Preis"]]
    rows += [[d, rng.choice(["Brot", "Milch", "Käse", "Äpfel", "Kaffee"]), rng.randint(1, 6), fr_num(rng.uniform(1, 20))]
             for d in dates(rng, budget(rng, 50, 100, 35))]
    return table(rows, ";", None, sep="; "), expect(";", None, True)


# ---- CR-only line ends (classic Mac exports) ----

@corpus("cr-classic-mac.csv")
def _(rng):
    rows = [["Name", "Department", "Extension", "Room"]]
    rows += [["%s %s" % person(rng), rng.choice(["Sales", "R&D", "Finance", "Support"]), rng.randint(100, 999),
              "%s%d" % (rng.choice("ABC"), rng.randint(1, 40))] for _ in range(budget(rng, 40, 90, 35))]
    return table(rows, ",", '"', eol="\r"), expect(",", None, True)


@corpus("cr-semicolon.csv")
def _(rng):
    rows = [["Artikel", "Bezeichnung", "Preis", "Bestand"]]
    rows += [["A-%04d" % i, rng.choice(["Kugelschreiber, blau", "Ordner A4", "Heftklammern", "Locher"]),
              fr_num(rng.uniform(0.5, 30)), rng.randint(0, 300)] for i in range(budget(rng, 40, 90, 40))]
    return table(rows, ";", '"', eol="\r"), expect(";", None, True)


# ---- ragged rows ----

@corpus("ragged-contacts.csv")
def _(rng):
    rows = [["name", "phone", "email", "notes"]]
    for _ in range(budget(rng, 50, 100, 45)):
        f, l = person(rng)
        r = [f + " " + l.replace("'", ""), "555-%04d" % rng.randint(0, 9999), email(f, l, rng), "call after 5pm"]
        rows.append(r[:rng.choice([2, 3, 3, 4, 4, 4])])
    return table(rows, ",", None), expect(",", None, True)


@corpus("ragged-extra.csv")
def _(rng):
    rows = [["date", "event", "count"]]
    for d in iso_dates(rng, budget(rng, 50, 100, 35)):
        r = [d, rng.choice(["signup", "login", "purchase"]), rng.randint(1, 90)]
        rows.append(r + (["extra", rng.randint(1, 9)] if rng.random() < 0.15 else []))
    return table(rows, ",", None), expect(",", None, True)


@corpus("ragged-tab.tsv")
def _(rng):
    rows = [["host", "check", "status", "latency_ms", "message"]]
    for _ in range(budget(rng, 50, 100, 50)):
        ok = rng.random() < 0.7
        r = ["web-%02d" % rng.randint(1, 12), rng.choice(["http", "ping", "disk"]), "OK" if ok else "FAIL",
             rng.randint(1, 900)]
        rows.append(r if ok else r + [rng.choice(["timeout", "disk 95% full", "connection refused"])])
    return table(rows, "\t", None), expect("\t", None, True)


# ---- byte order mark ----

@corpus("bom-excel.csv")
def _(rng):
    rows = [["Invoice", "Date", "Customer", "Net", "VAT", "Gross"]]
    for i in range(budget(rng, 40, 80, 60)):
        net = rng.uniform(20, 2000)
        rows.append(["INV-%05d" % (i + 7000), "2024-03-%02d" % rng.randint(1, 31), "%s %s" % person(rng),
                     "%.2f" % net, "%.2f" % (net * 0.2), "%.2f" % (net * 1.2)])
    return "\ufeff" + table(rows, ",", '"', eol="\r\n"), expect(",", None, True)


@corpus("bom-semicolon.csv")
def _(rng):
    rows = [["Produkt", "Menge", "Einzelpreis", "Gesamt"]]
    for _ in range(budget(rng, 40, 80, 45)):
        q, p = rng.randint(1, 20), rng.uniform(1, 80)
        rows.append([rng.choice(["Käse, jung", "Brötchen; 6 Stück", "Öl", "Müsli"]), q, de_num(p), de_num(p * q)])
    return "\ufeff" + table(rows, ";", '"', eol="\r\n"), expect(";", '"', True)


# ---- ':' ----

@corpus("colon-passwd.txt")
def _(rng):
    rows = [["root", "x", 0, 0, "root", "/root", "/bin/bash"], ["daemon", "x", 1, 1, "daemon", "/usr/sbin",
            "/usr/sbin/nologin"]]
    for i in range(budget(rng, 30, 60, 55)):
        f, l = person(rng)
        user = (f[0] + l).lower().replace("'", "").replace("ü", "u")
        rows.append([user, "x", 1000 + i, 1000 + i, "%s %s" % (f, l), "/home/" + user, rng.choice(["/bin/bash",
                     "/bin/zsh"])])
    return table(rows, ":", None), expect(":", None, False)


@corpus("colon-hosts.txt")
def _(rng):
    rows = [["hostname", "port", "service", "owner"]]
    rows += [["srv%03d.example.net" % rng.randint(1, 300), rng.choice([22, 80, 443, 5432, 6379]),
              rng.choice(["ssh", "http", "https", "postgres", "redis"]), rng.choice(LAST).lower().replace("'", "")]
             for _ in range(budget(rng, 40, 80, 40))]
    return table(rows, ":", None), expect(":", None, True)


# ---- plain comma files, report preambles, spreadsheet exports ----

@corpus("plain-products.csv")
def _(rng):
    rows = [["product_id", "name", "category", "price", "in_stock"]]
    rows += [[i + 1, rng.choice(PRODUCTS), rng.choice(["Home", "Office", "Sport"]), "%.2f" % rng.uniform(1, 300),
              rng.choice(["true", "false"])] for i in range(budget(rng, 60, 120, 55))]
    return table(rows, ",", '"'), expect(",", None, True)


@corpus("plain-addresses.csv")
def _(rng):
    rows = [["id", "name", "street", "city", "zip"]]
    for i in range(budget(rng, 50, 100, 60)):
        rows.append([i + 1, "%s %s" % person(rng), "%d %s" % (rng.randint(1, 999), rng.choice(STREETS)),
                     "%s, %s" % (rng.choice(CITIES), rng.choice(["OR", "WA", "CA", "NV"])), "%05d" % rng.randint(0, 99999)])
    return table(rows, ",", '"'), expect(",", '"', True)


@corpus("plain-grades.csv")
def _(rng):
    rows = [["student", "course", "term", "grade", "credits"]]
    rows += [["%s %s" % person(rng), rng.choice(["Algebra I", "Biology", "World History", "Chemistry"]),
              rng.choice(["Fall 2023", "Spring 2024"]), rng.choice(["A", "A-", "B+", "B", "C", "F"]),
              rng.choice([3, 4])] for _ in range(budget(rng, 50, 100, 50))]
    return table(rows, ",", None), expect(",", None, True)


@corpus("preamble-report.csv")
def _(rng):
    pre = "Sales report Q1 2024\nGenerated: 2024-04-02 08:00 by reports@example.com\n\n"
    rows = [["region", "product", "units", "revenue"]]
    rows += [[rng.choice(["North", "South", "East", "West"]), rng.choice(PRODUCTS), rng.randint(1, 400),
              "%.2f" % rng.uniform(10, 9000)] for _ in range(budget(rng, 40, 80, 45))]
    return pre + table(rows, ",", '"'), expect(",", None, True, skip=3)


@corpus("preamble-title-row.csv")
def _(rng):
    # A spreadsheet's title row, padded with delimiters to the table's width, as Excel saves it.
    pre = "Monthly KPIs,,,,\nDepartment: Customer Support,,,,\n"
    rows = [["month", "tickets", "solved", "csat", "first_response_h"]]
    rows += [["2023-%02d" % m if m <= 12 else "2024-%02d" % (m - 12), rng.randint(300, 900), rng.randint(250, 880),
              "%.1f" % rng.uniform(3.5, 5), "%.1f" % rng.uniform(0.5, 8)] for m in range(1, 25)]
    return pre + table(rows, ",", None), expect(",", None, True, skip=2)


@corpus("tsv-quoted-notes.tsv")
def _(rng):
    rows = [["ticket", "opened", "subject", "body"]]
    bodies = ["Printer on 3rd floor jams\nafter 10 pages", "VPN drops\tevery hour", "Please reset my password",
              'Screen shows "No signal"', "Laptop fan is loud"]
    for i in range(budget(rng, 40, 80, 70)):
        rows.append(["T-%05d" % (i + 300), "2024-01-%02d" % rng.randint(1, 31), rng.choice(["Hardware", "Access"]),
                     rng.choice(bodies)])
    return table(rows, "\t", '"'), expect("\t", '"', True)


def main():
    out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
    os.makedirs(out, exist_ok=True)
    manifest = {}
    for name in sorted(FILES):
        text, exp = FILES[name]()
        data = text.encode("utf-8")
        assert len(data) < 8192, (name, len(data))
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        manifest[name] = exp
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print("make.py: %d files in %s" % (len(manifest), out), file=sys.stderr)


if __name__ == "__main__":
    main()
