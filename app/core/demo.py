"""A deterministic demo district: one real 3T village of ~400 families, plus a small neighbour.

Seeded, so every run (and every test) sees the same families. Faker's `id_ID` locale gives the given
names; NTT family names are added so the village reads like Timor. NIKs agree with birth date, sex and
region; No. KK with area and issue date. Besides the random families, a set of scenario families makes
every rule of the policy pack fire at least once (DOMAIN §3), each named in `scenario`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from faker import Faker

from app.core.answers import (
    AssetAnswers,
    Conclusion,
    CookingFuel,
    Empowerment,
    FloorMaterial,
    HouseAnswers,
    HouseAssessment,
    LightingSource,
    LivingConditions,
    MemberAnswer,
    ToiletFacility,
    Vehicle,
    VisitAnswers,
    WallMaterial,
    WaterSource,
)
from app.core.identity import make_kk, make_nik
from app.core.models import (
    Disability,
    Household,
    HouseholdStatus,
    Member,
    MemberStatus,
    Occupation,
    Relation,
    SchoolLevel,
    Sex,
    Visit,
    VisitState,
)
from app.core.rules import FactsContext, Verdict, default_pack, evaluate, facts_from_records

DEMO_DATE = date(2026, 11, 1)
DEMO_VILLAGE = "53.02.03.2002"  # Desa Eonbesi, Kec. Mollo Utara, Kab. Timor Tengah Selatan, NTT
NEIGHBOUR_VILLAGE = "53.02.03.2003"  # Desa Bosen, same kecamatan: another officer's village
DEMO_KECAMATAN = "53.02.03"
NTT_UMP_2026 = 2_455_898
DEMO_CENTRE = (-9.6531, 124.2598)

FAMILY_NAMES = (
    "Tefa",
    "Nubatonis",
    "Benu",
    "Taneo",
    "Selan",
    "Boimau",
    "Lakapu",
    "Nenobais",
    "Tualaka",
    "Missa",
    "Nomleni",
    "Kase",
    "Tanesib",
    "Banunaek",
    "Oematan",
    "Sanam",
    "Liu",
    "Nope",
    "Toto",
    "Nabuasa",
)


@dataclass
class DemoUser:
    username: str
    password: str
    role: str
    full_name: str
    area: str


@dataclass
class DemoDistrict:
    households: list[Household] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    users: list[DemoUser] = field(default_factory=list)
    # household id -> scenario name, for tests and for the demo's guided tour
    scenario: dict[str, str] = field(default_factory=dict)

    def members_of(self, household_id: str) -> list[Member]:
        return [m for m in self.members if m.household_id == household_id]

    def households_in(self, village_code: str) -> list[Household]:
        return [h for h in self.households if h.village_code == village_code]


DEMO_USERS = (
    DemoUser("pendamping", "pendamping-demo", "pendamping", "Maria Goreti Sanam", DEMO_VILLAGE),
    DemoUser("pendamping2", "pendamping2-demo", "pendamping", "Yakobus Nope", NEIGHBOUR_VILLAGE),
    DemoUser("sekdes", "sekdes-demo", "sekdes", "Agustinus Taneo", DEMO_VILLAGE),
    DemoUser("supervisor", "supervisor-demo", "supervisor", "Dra. Yuliana Benu", DEMO_KECAMATAN),
    DemoUser("admin", "admin-demo", "admin", "Admin Dinsos TTS", "53.02"),
)


class _Generator:
    def __init__(self, seed: int, reference_date: date) -> None:
        self.rng = random.Random(seed)
        self.faker = Faker("id_ID")
        self.faker.seed_instance(seed)
        self.today = reference_date
        self.serials: dict[tuple[str, date, str], int] = {}
        self.kk_serial = 0
        self.district = DemoDistrict(users=list(DEMO_USERS))

    # ---- people ---------------------------------------------------------------------------------

    def birth_date(self, age: int) -> date:
        born = self.today - timedelta(days=age * 365 + self.rng.randint(10, 355))
        return born

    def nik(self, birth: date, sex: str, region6: str = "530203") -> str:
        key = (region6, birth, sex)
        self.serials[key] = self.serials.get(key, 0) + 1
        return make_nik(region6, birth, sex, self.serials[key])

    def given_name(self, sex: str) -> str:
        if sex == Sex.MALE:
            return str(self.faker.first_name_male())
        return str(self.faker.first_name_female())

    def member(
        self,
        household: Household,
        *,
        relation: Relation,
        sex: str,
        age: int,
        family_name: str,
        occupation: Occupation = Occupation.NONE,
        income: int = 0,
        school: SchoolLevel = SchoolLevel.NONE,
        disability: Disability = Disability.NONE,
        pregnant: bool = False,
        status: MemberStatus = MemberStatus.ACTIVE,
        region6: str = "530203",
    ) -> Member:
        birth = self.birth_date(age)
        marital = "kawin" if relation in (Relation.HEAD, Relation.SPOUSE) and age >= 18 else "belum_kawin"
        if relation == Relation.HEAD and age >= 65 and self.rng.random() < 0.4:
            marital = "cerai_mati"
        member = Member(
            village_code=household.village_code,
            household_id=household.id,
            nik=self.nik(birth, sex, region6),
            name=f"{self.given_name(sex)} {family_name}",
            sex=sex,
            birth_place=self.rng.choice(("Soe", "Kapan", "Eonbesi", "Kupang", "Niki-Niki")),
            birth_date=birth,
            relation=relation,
            marital_status=marital,
            religion=self.rng.choices(("kristen", "katolik", "islam"), (70, 27, 3))[0],
            education=_education_for(age, school, self.rng),
            school_level=school,
            occupation=occupation,
            disability=disability,
            pregnant=pregnant,
            monthly_income=income,
            status=status,
        )
        self.district.members.append(member)
        return member

    # ---- families -------------------------------------------------------------------------------

    def household(
        self,
        village: str,
        *,
        desil: int,
        programmes: list[dict[str, Any]],
        status: HouseholdStatus = HouseholdStatus.ACTIVE,
        scenario: str = "",
    ) -> Household:
        self.kk_serial += 1
        issued = self.today - timedelta(days=self.rng.randint(200, 4000))
        rt = self.rng.randint(1, 12)
        rw = (rt - 1) // 4 + 1
        lat, lon = DEMO_CENTRE
        household = Household(
            village_code=village,
            kk_number=make_kk(village.replace(".", "")[:6], issued, self.kk_serial),
            address=f"Dusun {('I', 'II', 'III', 'IV')[rw - 1]}",
            rt=f"{rt:03d}",
            rw=f"{rw:03d}",
            latitude=round(lat + self.rng.uniform(-0.02, 0.02), 6),
            longitude=round(lon + self.rng.uniform(-0.02, 0.02), 6),
            desil=desil,
            status=status,
            programmes=programmes,
            registry_updated_on=self.today - timedelta(days=self.rng.randint(30, 700)),
        )
        self.district.households.append(household)
        if scenario:
            self.district.scenario[household.id] = scenario
        return household

    def programmes_for(self, desil: int, pkh_since: date | None = None) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        if desil <= 4:
            since = pkh_since or self.today - timedelta(days=self.rng.randint(200, 9 * 365))
            if self.rng.random() < 0.7 or pkh_since:
                out.append({"programme": "PKH", "start_date": since.isoformat(), "status": "aktif"})
            bpnt_since = self.today - timedelta(days=self.rng.randint(200, 8 * 365))
            out.append({"programme": "BPNT", "start_date": bpnt_since.isoformat(), "status": "aktif"})
        if desil <= 5:
            pbi_since = self.today - timedelta(days=self.rng.randint(300, 10 * 365))
            out.append({"programme": "PBI-JKN", "start_date": pbi_since.isoformat(), "status": "aktif"})
        return out

    def random_family(self, village: str) -> Household:
        rng = self.rng
        desil = rng.choices(range(1, 11), (22, 20, 16, 12, 9, 7, 5, 4, 3, 2))[0]
        family = rng.choice(FAMILY_NAMES)
        household = self.household(village, desil=desil, programmes=self.programmes_for(desil))
        head_age = rng.randint(24, 78)
        head_sex = Sex.MALE if rng.random() < 0.85 else Sex.FEMALE
        working_age = 18 <= head_age < 65
        occupation = (
            rng.choices(
                (Occupation.FARMER, Occupation.LABOURER, Occupation.TRADER, Occupation.SELF_EMPLOYED),
                (70, 15, 8, 7),
            )[0]
            if working_age
            else Occupation.NONE
        )
        if working_age and rng.random() < 0.025:
            # A few civil servants, soldiers, police and village officials, as in any village.
            occupation = rng.choice(
                (
                    Occupation.PNS,
                    Occupation.PPPK,
                    Occupation.TNI,
                    Occupation.POLRI,
                    Occupation.VILLAGE_OFFICIAL,
                    Occupation.CERTIFIED_TEACHER,
                )
            )
        income = _income_near_ump(rng, desil) if occupation != Occupation.NONE else 0
        disability = Disability.SEVERE if rng.random() < 0.03 else Disability.NONE
        head = self.member(
            household,
            relation=Relation.HEAD,
            sex=head_sex,
            age=head_age,
            family_name=family,
            occupation=occupation,
            income=income,
            disability=disability,
        )
        household.head_name = head.name
        if head_sex == Sex.MALE and head_age < 75 and rng.random() < 0.85:
            spouse_age = max(18, head_age - rng.randint(0, 8))
            self.member(
                household,
                relation=Relation.SPOUSE,
                sex=Sex.FEMALE,
                age=spouse_age,
                family_name=family,
                occupation=Occupation.HOUSEWIFE if rng.random() < 0.7 else Occupation.FARMER,
                income=0 if rng.random() < 0.7 else rng.randint(3, 9) * 100_000,
                pregnant=18 <= spouse_age <= 40 and rng.random() < 0.08,
            )
        max_child_age = max(0, min(head_age - 18, 30))
        for _ in range(rng.choice((0, 1, 2, 2, 3, 3, 4, 5))):
            if max_child_age <= 0:
                break
            age = rng.randint(0, max_child_age)
            self.member(
                household,
                relation=Relation.CHILD,
                sex=rng.choice((Sex.MALE, Sex.FEMALE)),
                age=age,
                family_name=family,
                school=_school_for(age, rng),
                occupation=Occupation.PUPIL if 7 <= age <= 18 else Occupation.NONE,
            )
        if rng.random() < 0.12:
            self.member(
                household,
                relation=Relation.PARENT,
                sex=rng.choice((Sex.MALE, Sex.FEMALE)),
                age=rng.randint(62, 88),
                family_name=family,
                disability=Disability.SEVERE if rng.random() < 0.15 else Disability.NONE,
            )
        if rng.random() < 0.15:
            # Some families were already visited; motorbikes valued around the Rp30 juta line.
            answers = self._answers_from(household)
            value = int(round(rng.uniform(8_000_000, 38_000_000), -5))
            answers.assets.vehicles = [Vehicle(kind="motor", estimated_value=value)]
            self.visit(household, answers)
        return household

    # ---- scenario families (one or more per rule) ----------------------------------------------

    def scenarios(self) -> None:
        village = DEMO_VILLAGE

        def years(n: float) -> date:
            return self.today - timedelta(days=round(n * 365.25) + 30)

        def family(
            scenario: str, desil: int, programmes: list[dict[str, Any]], **kw: Any
        ) -> tuple[Household, str]:
            name = self.rng.choice(FAMILY_NAMES)
            household = self.household(village, desil=desil, programmes=programmes, scenario=scenario, **kw)
            return household, name

        def pkh(since: date) -> dict[str, Any]:
            return {"programme": "PKH", "start_date": since.isoformat(), "status": "aktif"}

        def bpnt(since: date) -> dict[str, Any]:
            return {"programme": "BPNT", "start_date": since.isoformat(), "status": "aktif"}

        pbi = {"programme": "PBI-JKN", "start_date": years(3).isoformat(), "status": "aktif"}

        # GRAD-ASN + FLAG-INCLUSION: a certified teacher in a desil-2 PKH family.
        h, n = family(
            "GRAD-ASN: anggota guru bersertifikasi (desil 2, penerima PKH)",
            2,
            [pkh(years(3)), bpnt(years(3))],
        )
        head = self.member(
            h,
            relation=Relation.HEAD,
            sex=Sex.MALE,
            age=41,
            family_name=n,
            occupation=Occupation.CERTIFIED_TEACHER,
            income=2_300_000,
        )
        h.head_name = head.name
        self.member(h, relation=Relation.CHILD, sex=Sex.FEMALE, age=9, family_name=n, school=SchoolLevel.SD)
        self.visit(h, self._answers_from(h))

        # A village official (perangkat desa) also graduates under GRAD-ASN.
        h, n = family("GRAD-ASN: kepala keluarga perangkat desa", 3, [pkh(years(2))])
        head = self.member(
            h,
            relation=Relation.HEAD,
            sex=Sex.MALE,
            age=38,
            family_name=n,
            occupation=Occupation.VILLAGE_OFFICIAL,
            income=1_800_000,
        )
        h.head_name = head.name
        self.member(h, relation=Relation.CHILD, sex=Sex.MALE, age=4, family_name=n)

        # GRAD-KENDARAAN: a motorbike worth Rp35 juta; and the myth: an ordinary Rp18 juta motorbike.
        for value, label in (
            (35_000_000, "GRAD-KENDARAAN: motor Rp35 juta"),
            (18_000_000, "Mitos motor: motor Rp18 juta tidak menggugurkan"),
        ):
            h, n = family(label, 3, [pkh(years(2)), bpnt(years(2)), pbi])
            head = self.member(
                h,
                relation=Relation.HEAD,
                sex=Sex.MALE,
                age=36,
                family_name=n,
                occupation=Occupation.FARMER,
                income=1_500_000,
            )
            h.head_name = head.name
            self.member(
                h,
                relation=Relation.SPOUSE,
                sex=Sex.FEMALE,
                age=33,
                family_name=n,
                occupation=Occupation.HOUSEWIFE,
            )
            self.member(
                h, relation=Relation.CHILD, sex=Sex.FEMALE, age=12, family_name=n, school=SchoolLevel.SMP
            )
            answers = self._answers_from(h)
            answers.assets.vehicles = [Vehicle(kind="motor", estimated_value=value)]
            self.visit(h, answers)

        # GRAD-RUMAH: air conditioning and renovation, confirmed by the officer.
        h, n = family("GRAD-RUMAH: rumah ber-AC, renovasi besar", 4, [pkh(years(4)), bpnt(years(4))])
        head = self.member(
            h,
            relation=Relation.HEAD,
            sex=Sex.MALE,
            age=50,
            family_name=n,
            occupation=Occupation.TRADER,
            income=2_000_000,
        )
        h.head_name = head.name
        self.member(h, relation=Relation.CHILD, sex=Sex.MALE, age=16, family_name=n, school=SchoolLevel.SMA)
        answers = self._answers_from(h)
        answers.assessment = HouseAssessment(
            air_conditioning=True,
            luxurious_furniture=True,
            major_renovation=True,
            officer_confirms_luxury=True,
        )
        answers.assets.air_conditioner = 2
        answers.house.floor_material = FloorMaterial.CERAMIC
        self.visit(h, answers)

        # GRAD-UMP: two incomes together above the NTT UMP 2026 (Rp2.455.898).
        h, n = family("GRAD-UMP: penghasilan keluarga di atas UMP NTT", 4, [pkh(years(2)), bpnt(years(2))])
        head = self.member(
            h,
            relation=Relation.HEAD,
            sex=Sex.MALE,
            age=44,
            family_name=n,
            occupation=Occupation.PRIVATE_EMPLOYEE,
            income=2_100_000,
        )
        h.head_name = head.name
        self.member(
            h,
            relation=Relation.SPOUSE,
            sex=Sex.FEMALE,
            age=40,
            family_name=n,
            occupation=Occupation.TRADER,
            income=900_000,
        )
        self.member(h, relation=Relation.CHILD, sex=Sex.MALE, age=7, family_name=n, school=SchoolLevel.SD)

        # GRAD-ASET: five hectares of farmland.
        h, n = family("GRAD-ASET: sawah 5 ha", 4, [bpnt(years(3))])
        head = self.member(
            h,
            relation=Relation.HEAD,
            sex=Sex.MALE,
            age=55,
            family_name=n,
            occupation=Occupation.FARMER,
            income=1_900_000,
        )
        h.head_name = head.name
        answers = self._answers_from(h)
        answers.assets.farmland_ha = 5.0
        answers.assets.large_livestock = 12
        self.visit(h, answers)

        # GRAD-5TAHUN: PKH since 2018, head aged 35, no elderly or disabled member.
        h, n = family("GRAD-5TAHUN: PKH sejak 2018, usia produktif", 2, [pkh(years(8)), bpnt(years(8))])
        head = self.member(
            h,
            relation=Relation.HEAD,
            sex=Sex.FEMALE,
            age=35,
            family_name=n,
            occupation=Occupation.FARMER,
            income=900_000,
        )
        h.head_name = head.name
        self.member(h, relation=Relation.CHILD, sex=Sex.MALE, age=10, family_name=n, school=SchoolLevel.SD)
        answers = self._answers_from(h)
        answers.empowerment = Empowerment(
            has_business=True,
            willing_to_train=True,
            business_type="tenun ikat",
            capital_needed=4_000_000,
            projected_income=1_200_000,
            business_location="rumah",
        )
        self.visit(h, answers)

        # The myth "everyone past 5 years is struck off": an elderly recipient since 2012 keeps PKH.
        h, n = family(
            "Mitos 5 tahun: lansia penerima sejak 2012 tetap layak", 1, [pkh(years(14)), bpnt(years(14))]
        )
        head = self.member(h, relation=Relation.HEAD, sex=Sex.FEMALE, age=72, family_name=n)
        h.head_name = head.name
        # ... and a severely disabled recipient of productive age since 2015.
        h, n = family("Mitos 5 tahun: penyandang disabilitas berat tetap layak", 2, [pkh(years(11))])
        head = self.member(
            h, relation=Relation.HEAD, sex=Sex.MALE, age=39, family_name=n, disability=Disability.SEVERE
        )
        h.head_name = head.name

        # GRAD-ALAMIAH: the last child finished SMA; no component is left.
        h, n = family("GRAD-ALAMIAH: anak terakhir lulus SMA", 3, [pkh(years(4))])
        head = self.member(
            h,
            relation=Relation.HEAD,
            sex=Sex.MALE,
            age=52,
            family_name=n,
            occupation=Occupation.FARMER,
            income=1_200_000,
        )
        h.head_name = head.name
        self.member(
            h,
            relation=Relation.SPOUSE,
            sex=Sex.FEMALE,
            age=49,
            family_name=n,
            occupation=Occupation.HOUSEWIFE,
        )
        self.member(
            h, relation=Relation.CHILD, sex=Sex.FEMALE, age=19, family_name=n, occupation=Occupation.FARMER
        )

        # GRAD-MANDIRI + PENA: declares itself able, signed statement, a running kiosk.
        h, n = family("GRAD-MANDIRI: graduasi sukarela, usaha kios", 4, [pkh(years(3)), bpnt(years(3))])
        head = self.member(
            h,
            relation=Relation.HEAD,
            sex=Sex.MALE,
            age=33,
            family_name=n,
            occupation=Occupation.TRADER,
            income=2_000_000,
        )
        h.head_name = head.name
        self.member(h, relation=Relation.CHILD, sex=Sex.FEMALE, age=3, family_name=n)
        answers = self._answers_from(h)
        answers.conclusion = Conclusion(voluntary_graduation_signed=True)
        answers.empowerment = Empowerment(
            has_business=True,
            willing_to_train=True,
            business_type="kios sembako",
            capital_needed=5_000_000,
            projected_income=2_500_000,
            business_location="pinggir jalan desa",
        )
        self.visit(h, answers)

        # PENA: already graduated, productive age, a business plan, willing to train.
        h, n = family(
            "PENA: KPM graduasi dengan rencana usaha",
            5,
            [{"programme": "PKH", "start_date": years(7).isoformat(), "status": "graduasi"}],
            status=HouseholdStatus.GRADUATED,
        )
        head = self.member(
            h,
            relation=Relation.HEAD,
            sex=Sex.FEMALE,
            age=31,
            family_name=n,
            occupation=Occupation.SELF_EMPLOYED,
            income=1_300_000,
        )
        h.head_name = head.name
        answers = self._answers_from(h)
        answers.empowerment = Empowerment(
            has_business=True,
            has_business_plan=True,
            willing_to_train=True,
            business_type="kue kering",
            capital_needed=6_000_000,
            projected_income=1_800_000,
            business_location="rumah",
        )
        self.visit(h, answers)

        # PKH components, one family each, plus the caps: five components and four children.
        h, n = family(
            "PKH: ibu hamil, balita, SD, SMP, SMA (5 komponen, dibayar 4)",
            1,
            [pkh(years(2)), bpnt(years(2)), pbi],
        )
        head = self.member(
            h,
            relation=Relation.HEAD,
            sex=Sex.MALE,
            age=40,
            family_name=n,
            occupation=Occupation.LABOURER,
            income=800_000,
        )
        h.head_name = head.name
        self.member(h, relation=Relation.SPOUSE, sex=Sex.FEMALE, age=34, family_name=n, pregnant=True)
        self.member(h, relation=Relation.CHILD, sex=Sex.MALE, age=4, family_name=n)
        self.member(h, relation=Relation.CHILD, sex=Sex.FEMALE, age=8, family_name=n, school=SchoolLevel.SD)
        self.member(h, relation=Relation.CHILD, sex=Sex.MALE, age=13, family_name=n, school=SchoolLevel.SMP)
        self.member(h, relation=Relation.CHILD, sex=Sex.FEMALE, age=16, family_name=n, school=SchoolLevel.SMA)
        self.visit(h, self._poor_answers(h))

        h, n = family("PKH: lansia dan disabilitas berat", 1, [pkh(years(3)), bpnt(years(3)), pbi])
        head = self.member(h, relation=Relation.HEAD, sex=Sex.FEMALE, age=67, family_name=n)
        h.head_name = head.name
        self.member(
            h, relation=Relation.CHILD, sex=Sex.MALE, age=30, family_name=n, disability=Disability.SEVERE
        )

        # FLAG-EXCLUSION + BPS-14: very poor, in no programme; an usul should follow.
        h, n = family("FLAG-EXCLUSION: miskin (BPS-14 ≥ 9) tapi tidak menerima bantuan", 1, [])
        head = self.member(
            h,
            relation=Relation.HEAD,
            sex=Sex.MALE,
            age=46,
            family_name=n,
            occupation=Occupation.LABOURER,
            income=400_000,
        )
        h.head_name = head.name
        self.member(h, relation=Relation.SPOUSE, sex=Sex.FEMALE, age=44, family_name=n)
        self.member(h, relation=Relation.CHILD, sex=Sex.MALE, age=11, family_name=n, school=SchoolLevel.SD)
        self.visit(h, self._poor_answers(h))

        # DAFTAR-ULANG + DOKUMEN-DAFTAR-ULANG: graduated, situation worsened, lives away from the KTP address.
        h, n = family(
            "DAFTAR-ULANG: graduasi, kondisi memburuk, alamat KTP berbeda",
            2,
            [{"programme": "PKH", "start_date": years(6).isoformat(), "status": "graduasi"}],
            status=HouseholdStatus.GRADUATED,
        )
        head = self.member(
            h, relation=Relation.HEAD, sex=Sex.FEMALE, age=48, family_name=n, occupation=Occupation.NONE
        )
        h.head_name = head.name
        self.member(h, relation=Relation.CHILD, sex=Sex.MALE, age=14, family_name=n, school=SchoolLevel.SMP)
        answers = self._poor_answers(h)
        answers.conclusion = Conclusion(wants_reregistration=True, ktp_address_differs=True)
        self.visit(h, answers)

        # FLAG-DUPLIKAT: the same NIK on two family cards in the village.
        h1, n1 = family("FLAG-DUPLIKAT: NIK ganda (KK pertama)", 3, [bpnt(years(2))])
        head = self.member(
            h1,
            relation=Relation.HEAD,
            sex=Sex.MALE,
            age=29,
            family_name=n1,
            occupation=Occupation.FARMER,
            income=900_000,
        )
        h1.head_name = head.name
        h2, n2 = family("FLAG-DUPLIKAT: NIK ganda (KK kedua)", 3, [bpnt(years(1))])
        twin = self.member(
            h2,
            relation=Relation.HEAD,
            sex=Sex.MALE,
            age=29,
            family_name=n2,
            occupation=Occupation.FARMER,
            income=900_000,
        )
        twin.nik = head.nik
        twin.name = head.name
        twin.birth_date = head.birth_date
        h2.head_name = twin.name

        # FLAG-DATA-LAMA: the head died and a member moved; the registry was not updated.
        h, n = family(
            "FLAG-DATA-LAMA: kepala keluarga meninggal, anggota pindah", 2, [pkh(years(3)), bpnt(years(3))]
        )
        head = self.member(
            h, relation=Relation.HEAD, sex=Sex.MALE, age=70, family_name=n, status=MemberStatus.DIED
        )
        h.head_name = head.name
        self.member(h, relation=Relation.SPOUSE, sex=Sex.FEMALE, age=66, family_name=n)
        self.member(
            h,
            relation=Relation.CHILD,
            sex=Sex.MALE,
            age=28,
            family_name=n,
            occupation=Occupation.LABOURER,
            status=MemberStatus.MOVED,
        )

        # A member whose NIK was first registered in a region code that no longer exists (warning only).
        h, n = family("NIK: kode wilayah lama (peringatan)", 3, [bpnt(years(2))])
        head = self.member(
            h,
            relation=Relation.HEAD,
            sex=Sex.MALE,
            age=45,
            family_name=n,
            occupation=Occupation.FARMER,
            income=1_100_000,
            region6="539901",
        )
        h.head_name = head.name

    # ---- visits ---------------------------------------------------------------------------------

    def _answers_from(self, household: Household) -> VisitAnswers:
        members = [
            MemberAnswer(
                member_id=m.id,
                nik=m.nik,
                name=m.name,
                sex=Sex(m.sex),
                birth_place=m.birth_place,
                birth_date=m.birth_date,
                relation=Relation(m.relation),
                marital_status=m.marital_status,
                religion=m.religion,
                education=m.education,
                school_level=SchoolLevel(m.school_level),
                occupation=Occupation(m.occupation),
                disability=Disability(m.disability),
                pregnant=m.pregnant,
                monthly_income=m.monthly_income,
                status=MemberStatus(m.status),
            )
            for m in self.district.members_of(household.id)
        ]
        return VisitAnswers(
            members=members,
            house=HouseAnswers(floor_area_m2=float(self.rng.randint(24, 60))),
            assets=AssetAnswers(smartphone=1, bicycle=self.rng.randint(0, 1)),
            living=LivingConditions(),
        )

    def _poor_answers(self, household: Household) -> VisitAnswers:
        answers = self._answers_from(household)
        answers.house = HouseAnswers(
            floor_area_m2=18.0,
            floor_material=FloorMaterial.EARTH,
            wall_material=WallMaterial.BAMBOO,
            water_source=WaterSource.UNPROTECTED_SPRING,
            lighting_source=LightingSource.NONE,
            cooking_fuel=CookingFuel.FIREWOOD,
            toilet_facility=ToiletFacility.NONE,
        )
        answers.living = LivingConditions(
            meat_milk_chicken_at_most_weekly=True,
            one_new_clothes_set_a_year=True,
            meals_per_day=2,
            cannot_afford_puskesmas=True,
            savings_below_500k=True,
        )
        answers.assets = AssetAnswers()
        return answers

    def visit(self, household: Household, answers: VisitAnswers) -> Visit:
        started = datetime.combine(
            self.today - timedelta(days=self.rng.randint(1, 20)), datetime.min.time(), UTC
        )
        started += timedelta(hours=self.rng.randint(8, 15), minutes=self.rng.randint(0, 59))
        visit = Visit(
            village_code=household.village_code,
            household_id=household.id,
            officer="pendamping",
            started_at=started,
            finished_at=started + timedelta(minutes=self.rng.randint(25, 70)),
            latitude=household.latitude,
            longitude=household.longitude,
            answers=answers.model_dump(mode="json"),
            state=VisitState.SUBMITTED,
        )
        self.district.visits.append(visit)
        return visit


def _income_near_ump(rng: random.Random, desil: int) -> int:
    # Poorer deciles earn a fraction of the UMP; a few upper-decile families earn around or above it.
    share = {1: 0.25, 2: 0.35, 3: 0.45, 4: 0.55, 5: 0.65, 6: 0.75, 7: 0.85, 8: 0.95, 9: 1.05, 10: 1.2}[desil]
    return int(round(NTT_UMP_2026 * rng.uniform(share * 0.7, share * 1.3), -4))


def _school_for(age: int, rng: random.Random) -> SchoolLevel:
    if 4 <= age <= 6:
        return SchoolLevel.PAUD if rng.random() < 0.5 else SchoolLevel.NONE
    if 7 <= age <= 12:
        return SchoolLevel.SD
    if 13 <= age <= 15:
        return SchoolLevel.SMP if rng.random() < 0.92 else SchoolLevel.NONE
    if 16 <= age <= 18:
        return SchoolLevel.SMA if rng.random() < 0.75 else SchoolLevel.NONE
    return SchoolLevel.NONE


def _education_for(age: int, school: SchoolLevel, rng: random.Random) -> str:
    if school != SchoolLevel.NONE or age < 7:
        return "belum_tamat_sd"
    return rng.choices(("tidak_sekolah", "sd", "smp", "sma", "diploma_s1"), (15, 40, 22, 18, 5))[0]


def duplicate_niks(members: list[Member]) -> dict[str, list[str]]:
    """Per village, the NIKs that appear on more than one live member."""
    seen: dict[tuple[str, str], int] = {}
    for m in members:
        if not m.deleted and m.nik:
            seen[(m.village_code, m.nik)] = seen.get((m.village_code, m.nik), 0) + 1
    out: dict[str, list[str]] = {}
    for (village, nik), count in seen.items():
        if count > 1:
            out.setdefault(village, []).append(nik)
    return out


def household_verdict(
    district: DemoDistrict,
    household: Household,
    visit: Visit | None,
    reference_date: date,
    village_duplicates: dict[str, list[str]] | None = None,
) -> Verdict:
    """The shipped pack's verdict for one demo family, with its visit's answers when it has one.

    `village_duplicates` is `duplicate_niks(district.members)`, computed once by callers that loop."""
    if village_duplicates is None:
        village_duplicates = duplicate_niks(district.members)
    members = district.members_of(household.id)
    own = {m.nik for m in members}
    duplicates = sorted(own & set(village_duplicates.get(household.village_code, [])))
    answers = VisitAnswers.model_validate(visit.answers) if visit is not None else None
    facts = facts_from_records(
        household,
        members,
        answers,
        reference_date,
        FactsContext(duplicate_niks_in_village=duplicates),
    )
    return evaluate(default_pack(), facts)


def _attach_verdicts(district: DemoDistrict, reference_date: date) -> None:
    # Visits carry the verdict and the pack version they were made with, as a real submission does.
    pack = default_pack()
    by_id = {h.id: h for h in district.households}
    duplicates = duplicate_niks(district.members)
    for visit in district.visits:
        verdict = household_verdict(district, by_id[visit.household_id], visit, reference_date, duplicates)
        visit.verdict = verdict.to_json()
        visit.pack_id = pack.id
        visit.pack_version = pack.version


def generate_demo(
    seed: int = 2026,
    *,
    households: int = 400,
    neighbour_households: int = 40,
    reference_date: date = DEMO_DATE,
) -> DemoDistrict:
    """The demo district: `households` families in Eonbesi (scenarios included), a few in Bosen."""
    gen = _Generator(seed, reference_date)
    gen.scenarios()
    while len(gen.district.households_in(DEMO_VILLAGE)) < households:
        gen.random_family(DEMO_VILLAGE)
    for _ in range(neighbour_households):
        gen.random_family(NEIGHBOUR_VILLAGE)
    _attach_verdicts(gen.district, reference_date)
    return gen.district
