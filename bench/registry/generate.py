#!/usr/bin/env python3
"""Generates N zero-mileage vehicles from Chinese makers for the registry bulk-import benchmark.

Writes, into OUT_DIR:
  import_full.csv      the bulk-import CSV: vehicle + first registration + one odometer reading per line
  import_vehicles.csv  the same vehicles, vehicle columns only
  base_vehicles.csv    the same rows in the vehicle table's column order, with derived status (for raw COPY)
  base_vehicles_only.csv  the vehicle-only rows (status ACTIVE, never registered)
  base_registrations.csv, base_readings.csv   the same registrations and readings (for raw COPY)
"""
import csv
import datetime
import random
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
OUT = sys.argv[2] if len(sys.argv) > 2 else "."
random.seed(20260301)

# WMI, manufacturer (as the registry's WMI catalog names it), make, [(model, fuel, engine cc, kW)]
MAKERS = [
    ("LGX", "BYD Auto", "BYD", [("Song Plus DM-i", "PHEV", 1498, 81), ("Qin Plus DM-i", "PHEV", 1498, 81),
                                ("Seal", "BEV", None, 230), ("Atto 3", "BEV", None, 150), ("Dolphin", "BEV", None, 70),
                                ("Han EV", "BEV", None, 380), ("Tang DM-i", "PHEV", 1498, 102)]),
    ("LC0", "BYD Auto", "BYD", [("Yuan Plus", "BEV", None, 150), ("Song Pro DM-i", "PHEV", 1498, 81)]),
    ("L6T", "Geely Automobile", "Geely", [("Coolray", "PETROL", 1477, 133), ("Monjaro", "PETROL", 1969, 175),
                                          ("Atlas", "PETROL", 1969, 160), ("Galaxy L7", "PHEV", 1499, 85)]),
    ("LVV", "Chery Automobile", "Chery", [("Tiggo 7 Pro", "PETROL", 1498, 115), ("Tiggo 8 Pro", "PETROL", 1598, 137),
                                          ("Arrizo 8", "PETROL", 1598, 145)]),
    ("LGW", "Great Wall Motor", "Haval", [("Jolion", "PETROL", 1497, 110), ("H6", "PETROL", 1967, 155),
                                          ("H6 HEV", "HEV", 1497, 130)]),
    ("LSJ", "SAIC MG", "MG", [("MG4", "BEV", None, 150), ("ZS", "PETROL", 1498, 88), ("HS", "PETROL", 1490, 119)]),
    ("LS5", "Changan Automobile", "Changan", [("CS55 Plus", "PETROL", 1494, 138), ("UNI-K", "PETROL", 1998, 171),
                                              ("Deepal S7", "EREV", 1494, 175)]),
    ("LMG", "GAC Motor", "Trumpchi", [("GS3", "PETROL", 1497, 130), ("GS8", "HEV", 1991, 140)]),
    ("LRW", "Tesla Shanghai", "Tesla", [("Model Y", "BEV", None, 220), ("Model 3", "BEV", None, 208)]),
    ("LZW", "SAIC-GM-Wuling", "Wuling", [("Bingo", "BEV", None, 50), ("Hongguang Mini EV", "BEV", None, 20)]),
    ("LJ1", "JAC Motors", "JAC", [("JS4", "PETROL", 1499, 110), ("E-JS1", "BEV", None, 45)]),
    ("LW4", "Li Auto", "Li Auto", [("L7", "EREV", 1496, 330), ("L9", "EREV", 1496, 330)]),
]
WEIGHTS = [22, 8, 14, 12, 10, 7, 8, 4, 6, 4, 2, 3]
# pilot and expansion regions of China's used-car export regime, with a city each
REGIONS = [("CN-SC", "Chengdu", "川A"), ("CN-GD", "Guangzhou", "粤A"), ("CN-GD", "Shenzhen", "粤B"),
           ("CN-SH", "Shanghai", "沪A"), ("CN-BJ", "Beijing", "京A"), ("CN-TJ", "Tianjin", "津A"),
           ("CN-ZJ", "Taizhou", "浙J"), ("CN-SD", "Qingdao", "鲁B"), ("CN-SD", "Jining", "鲁H"),
           ("CN-SN", "Xi'an", "陕A"), ("CN-FJ", "Xiamen", "闽D"), ("CN-CQ", "Chongqing", "渝A"),
           ("CN-XJ", "Urumqi", "新A"), ("CN-HL", "Harbin", "黑A")]
REGION_WEIGHTS = [18, 12, 8, 7, 5, 9, 4, 6, 3, 5, 4, 8, 7, 4]
ALPHA = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"
TRANSLIT = {**{str(d): d for d in range(10)},
            **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9,
            **dict(zip("STUVWXYZ", range(2, 10)))}
W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def vin(wmi, vds, year, plant, serial):
    raw = wmi + vds + "0" + YEAR_CODES[(year - 1980) % 30] + plant + serial
    s = sum(TRANSLIT[c] * w for c, w in zip(raw, W)) % 11
    return raw[:8] + ("X" if s == 10 else str(s)) + raw[9:]


def main():
    start = datetime.date(2023, 1, 1)
    full = open(f"{OUT}/import_full.csv", "w", newline="", encoding="utf-8")
    vonly = open(f"{OUT}/import_vehicles.csv", "w", newline="", encoding="utf-8")
    bv = open(f"{OUT}/base_vehicles.csv", "w", newline="", encoding="utf-8")
    br = open(f"{OUT}/base_registrations.csv", "w", newline="", encoding="utf-8")
    bo = open(f"{OUT}/base_readings.csv", "w", newline="", encoding="utf-8")
    bvo = open(f"{OUT}/base_vehicles_only.csv", "w", newline="", encoding="utf-8")
    wf, wv, wbv, wbr, wbo, wbvo = (csv.writer(f, lineterminator="\n") for f in (full, vonly, bv, br, bo, bvo))
    vehicle_cols = ["vin", "make", "model", "fuelType", "engineCc", "powerKw", "driveSide", "emissionStandard",
                    "productionDate", "plantCountry"]
    wf.writerow(vehicle_cols + ["registrationDate", "registrationRegion", "registrationCity", "plate", "ownerType",
                                "ownerId", "odometerDate", "odometerKm", "odometerSource"])
    wv.writerow(vehicle_cols)
    makers = random.choices(range(len(MAKERS)), WEIGHTS, k=N)
    regions = random.choices(range(len(REGIONS)), REGION_WEIGHTS, k=N)
    for i in range(N):
        wmi, manufacturer, make, models = MAKERS[makers[i]]
        model, fuel, cc, kw = models[i % len(models)]
        produced = start + datetime.timedelta(days=random.randrange(3 * 365 - 90))
        year = produced.year + (1 if produced.month >= 10 else 0)
        v = vin(wmi, "".join(random.choice(ALPHA) for _ in range(5)), year, random.choice("ABCDEFGH"), f"{i:06d}")
        emission = "" if fuel == "BEV" else "CN6b"
        registered = produced + datetime.timedelta(days=random.randint(10, 60))
        region, city, prefix = REGIONS[regions[i]]
        plate = prefix + f"{random.randrange(100000):05d}"
        owner = f"9151{random.randrange(10**14):014d}"
        km = random.randint(0, 30)
        vehicle = [v, make, model, fuel, cc or "", kw, "LHD", emission, produced.isoformat(), "CN"]
        wf.writerow(vehicle + [registered.isoformat(), region, city, plate, "COMPANY", owner, registered.isoformat(),
                               km, "REGISTRATION"])
        wv.writerow(vehicle)
        wbv.writerow([v, manufacturer, make, model, year, fuel, cc or "", kw, "LHD", emission, produced.isoformat(),
                      "CN", "REGISTERED", registered.isoformat()])
        wbvo.writerow([v, manufacturer, make, model, year, fuel, cc or "", kw, "LHD", emission, produced.isoformat(),
                       "CN", "ACTIVE", ""])
        wbr.writerow([v, registered.isoformat(), region, city, plate, "COMPANY", owner])
        wbo.writerow([v, registered.isoformat(), km, "REGISTRATION", "f", "", "f"])
    for f in (full, vonly, bv, br, bo, bvo):
        f.close()


if __name__ == "__main__":
    main()
