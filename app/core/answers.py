"""What a verval visit records (DOMAIN §5), as a typed document stored in `Visit.answers`.

The visit holds its own snapshot of the members as the officer found them: the registry rows are not
edited by a visit, so the reviewer can compare the two side by side and an approved visit can be
applied later. Every field has a default so a draft is valid from the first keystroke.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.core.models import Disability, MemberStatus, Occupation, Relation, SchoolLevel, Sex


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class FloorMaterial(StrEnum):
    CERAMIC = "keramik"
    CEMENT = "semen"
    WOOD_GOOD = "kayu_kualitas_tinggi"
    WOOD_CHEAP = "kayu_murah"
    BAMBOO = "bambu"
    EARTH = "tanah"
    OTHER = "lainnya"


class WallMaterial(StrEnum):
    PLASTERED_BRICK = "tembok_plester"
    UNPLASTERED_BRICK = "tembok_tanpa_plester"
    WOOD_GOOD = "kayu_kualitas_tinggi"
    WOOD_LOW = "kayu_kualitas_rendah"
    BAMBOO = "bambu"
    THATCH = "rumbia"
    OTHER = "lainnya"


class RoofMaterial(StrEnum):
    CONCRETE = "beton"
    TILE = "genteng"
    ZINC = "seng"
    ASBESTOS = "asbes"
    WOOD = "kayu"
    THATCH = "ijuk_rumbia"
    OTHER = "lainnya"


class WaterSource(StrEnum):
    PIPED = "ledeng"
    BOTTLED = "air_kemasan"
    PROTECTED_WELL = "sumur_terlindung"
    UNPROTECTED_WELL = "sumur_tak_terlindung"
    PROTECTED_SPRING = "mata_air_terlindung"
    UNPROTECTED_SPRING = "mata_air_tak_terlindung"
    RIVER = "sungai"
    RAIN = "air_hujan"
    OTHER = "lainnya"


class LightingSource(StrEnum):
    PLN_METERED = "listrik_pln_meteran"
    PLN_UNMETERED = "listrik_pln_tanpa_meteran"
    NON_PLN = "listrik_non_pln"
    NONE = "bukan_listrik"


class ElectricityVA(StrEnum):
    VA_450 = "450"
    VA_900 = "900"
    VA_1300 = "1300"
    VA_2200 = "2200"
    ABOVE_2200 = ">2200"
    NO_METER = "tanpa_meteran"


class CookingFuel(StrEnum):
    ELECTRIC = "listrik"
    LPG = "elpiji"
    BIOGAS = "biogas"
    KEROSENE = "minyak_tanah"
    CHARCOAL = "arang"
    FIREWOOD = "kayu_bakar"
    NONE = "tidak_memasak"


class ToiletFacility(StrEnum):
    OWN = "sendiri"
    SHARED = "bersama"
    PUBLIC = "umum"
    NONE = "tidak_ada"


class Ownership(StrEnum):
    OWN = "milik_sendiri"
    RENT = "sewa"
    FREE = "bebas_sewa"
    OFFICIAL = "dinas"
    OTHER = "lainnya"


class MemberAnswer(Strict):
    """A person as the officer found them. `member_id` is the registry row's id; a person the officer
    adds gets a fresh UUID at once, so a KTP photo can name them before any registry row exists."""

    member_id: str | None = None
    nik: str = ""
    name: str = ""
    sex: Sex = Sex.FEMALE
    birth_place: str = ""
    birth_date: date | None = None
    relation: Relation = Relation.OTHER
    marital_status: str = "belum_kawin"
    religion: str = ""
    education: str = ""
    school_level: SchoolLevel = SchoolLevel.NONE
    occupation: Occupation = Occupation.NONE
    businesses: int = Field(default=0, ge=0)
    disability: Disability = Disability.NONE
    chronic_illness: bool = False
    pregnant: bool = False
    monthly_income: int = Field(default=0, ge=0)
    status: MemberStatus = MemberStatus.ACTIVE


class HouseAnswers(Strict):
    families_in_house: int = Field(default=1, ge=1)
    ownership: Ownership = Ownership.OWN
    floor_area_m2: float = Field(default=0, ge=0)
    floor_material: FloorMaterial = FloorMaterial.CEMENT
    wall_material: WallMaterial = WallMaterial.PLASTERED_BRICK
    roof_material: RoofMaterial = RoofMaterial.ZINC
    water_source: WaterSource = WaterSource.PROTECTED_WELL
    lighting_source: LightingSource = LightingSource.PLN_METERED
    electricity_va: ElectricityVA = ElectricityVA.VA_450
    pln_meter_id: str = ""
    cooking_fuel: CookingFuel = CookingFuel.FIREWOOD
    toilet_facility: ToiletFacility = ToiletFacility.OWN
    toilet_type: str = "leher_angsa"
    final_disposal: str = "tangki_septik"


class Vehicle(Strict):
    kind: str = "motor"  # motor | mobil
    estimated_value: int = Field(default=0, ge=0)
    on_credit: bool = False


class AssetAnswers(Strict):
    gas_cylinder_5kg: int = Field(default=0, ge=0)
    fridge: int = Field(default=0, ge=0)
    air_conditioner: int = Field(default=0, ge=0)
    water_heater: int = Field(default=0, ge=0)
    landline: int = Field(default=0, ge=0)
    flat_tv_30in: int = Field(default=0, ge=0)
    gold_grams: float = Field(default=0, ge=0)
    computer: int = Field(default=0, ge=0)
    bicycle: int = Field(default=0, ge=0)
    boat: int = Field(default=0, ge=0)
    motorboat: int = Field(default=0, ge=0)
    smartphone: int = Field(default=0, ge=0)
    vehicles: list[Vehicle] = Field(default_factory=list)
    farmland_ha: float = Field(default=0, ge=0)
    other_land_m2: float = Field(default=0, ge=0)
    other_house: int = Field(default=0, ge=0)
    large_livestock: int = Field(default=0, ge=0)
    small_livestock: int = Field(default=0, ge=0)
    property_value: int = Field(default=0, ge=0)
    large_business: bool = False


class HouseAssessment(Strict):
    """GRAD-RUMAH inputs; the rule needs the officer's explicit confirmation, never a guess."""

    air_conditioning: bool = False
    luxurious_furniture: bool = False
    major_renovation: bool = False
    officer_confirms_luxury: bool = False


class LivingConditions(Strict):
    """BPS-14 items that are not visible from the house or members."""

    meat_milk_chicken_at_most_weekly: bool = False
    one_new_clothes_set_a_year: bool = False
    meals_per_day: int = Field(default=3, ge=0, le=6)
    cannot_afford_puskesmas: bool = False
    savings_below_500k: bool = False
    head_farm_land_m2: float = Field(default=0, ge=0)


class Empowerment(Strict):
    """PENA / Bansos Produktif referral inputs, with the simple business proposal of seed 000."""

    has_business: bool = False
    has_business_plan: bool = False
    willing_to_train: bool = False
    business_type: str = ""
    capital_needed: int = Field(default=0, ge=0)
    projected_income: int = Field(default=0, ge=0)
    business_location: str = ""


class Conclusion(Strict):
    voluntary_graduation_signed: bool = False
    ktp_address_differs: bool = False
    wants_reregistration: bool = False
    notes: str = ""


class VisitAnswers(Strict):
    members: list[MemberAnswer] = Field(default_factory=list)
    house: HouseAnswers = Field(default_factory=HouseAnswers)
    assets: AssetAnswers = Field(default_factory=AssetAnswers)
    assessment: HouseAssessment = Field(default_factory=HouseAssessment)
    living: LivingConditions = Field(default_factory=LivingConditions)
    empowerment: Empowerment = Field(default_factory=Empowerment)
    conclusion: Conclusion = Field(default_factory=Conclusion)
