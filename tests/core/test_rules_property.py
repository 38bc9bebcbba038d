"""Any household the schema allows gets a verdict, and the same input always gives the same one."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.answers import VisitAnswers
from app.core.models import Disability, MemberStatus, Occupation, Relation, SchoolLevel, Sex
from app.core.rules import HouseholdFacts, default_pack, evaluate

member = st.fixed_dictionaries(
    {
        "name": st.text(max_size=8),
        "nik": st.sampled_from(["", "5302031204800001", "5302035508880002", "x"]),
        "sex": st.sampled_from(list(Sex)),
        "birth_date": st.none() | st.dates(date(1900, 1, 1), date(2030, 12, 31)),
        "relation": st.sampled_from(list(Relation)),
        "school_level": st.sampled_from(list(SchoolLevel)),
        "occupation": st.sampled_from(list(Occupation)),
        "disability": st.sampled_from(list(Disability)),
        "pregnant": st.booleans(),
        "monthly_income": st.integers(0, 10**10),
        "status": st.sampled_from(list(MemberStatus)),
        "education": st.sampled_from(["", "sd", "sma"]),
    }
)

visit = st.builds(
    VisitAnswers,
    assets=st.fixed_dictionaries(
        {
            "vehicles": st.lists(
                st.fixed_dictionaries(
                    {
                        "kind": st.sampled_from(["motor", "mobil", "perahu"]),
                        "estimated_value": st.integers(0, 10**9),
                    }
                ),
                max_size=3,
            ),
            "farmland_ha": st.floats(0, 1000),
            "large_business": st.booleans(),
        }
    ),
    living=st.fixed_dictionaries({"meals_per_day": st.integers(0, 6), "savings_below_500k": st.booleans()}),
    conclusion=st.fixed_dictionaries(
        {
            "voluntary_graduation_signed": st.booleans(),
            "wants_reregistration": st.booleans(),
            "ktp_address_differs": st.booleans(),
        }
    ),
    empowerment=st.fixed_dictionaries({"has_business": st.booleans(), "willing_to_train": st.booleans()}),
)

household = st.builds(
    HouseholdFacts,
    reference_date=st.dates(date(2020, 1, 1), date(2035, 12, 31)),
    village_code=st.sampled_from(["53.02.03.2002", "95.01.01.2001", "11", "99.99.99.9999", "31.71"]),
    desil=st.none() | st.integers(1, 10),
    household_status=st.sampled_from(["aktif", "graduasi", "usulan", "nonaktif"]),
    programmes=st.lists(
        st.fixed_dictionaries(
            {
                "programme": st.sampled_from(["PKH", "BPNT", "PBI-JKN", "PIP", "lain"]),
                "start_date": st.none() | st.dates(date(2000, 1, 1), date(2036, 1, 1)),
                "status": st.sampled_from(["aktif", "graduasi"]),
            }
        ),
        max_size=3,
    ),
    members=st.lists(member, max_size=6),
    answers=st.none() | visit,
    duplicate_niks_in_village=st.lists(st.sampled_from(["5302031204800001"]), max_size=1),
    registry_updated_on=st.none() | st.dates(date(2000, 1, 1), date(2036, 1, 1)),
    kk_number_found=st.none() | st.sampled_from(["", "5302030701190012"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(household)
def test_every_household_gets_a_stable_verdict(facts: HouseholdFacts) -> None:
    pack = default_pack()
    first = evaluate(pack, facts)
    again = evaluate(pack, HouseholdFacts.model_validate_json(facts.model_dump_json()))
    assert first.to_json() == again.to_json()
    assert not first.errors
    assert first.pkh.paid_count <= 4
    assert (
        sum(
            1
            for line in first.pkh.lines
            if line.paid and line.component in {"anak_usia_dini", "sd", "smp", "sma"}
        )
        <= 3
    )
