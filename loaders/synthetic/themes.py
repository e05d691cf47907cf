"""What generated Cooperation Frameworks are about: themes of outcomes, in the words plans use.

Each theme is one kind of outcome (health, education, climate, ...) with the
SDG goals its sub-outputs serve, the agencies that usually lead it, the
ministry that implements it, and the phrases its outputs and sub-outputs are
written with. Strategic priorities are the "five Ps" most frameworks group
their outcomes under.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    key: str
    pillar: str
    name: str
    outcome: str  # "By {year}, ..." completes it
    goals: tuple[str, ...]  # the SDG goals served, the main one first
    leads: tuple[str, ...]  # agencies that usually lead, first most often
    ministry: str
    outputs: tuple[str, ...]
    topics: tuple[str, ...]


PILLARS = {
    "People": "People: well-being, human capital and social protection for all",
    "Prosperity": "Prosperity: inclusive, sustainable and resilient economic growth",
    "Planet": "Planet: climate resilience, environment and natural resources",
    "Peace": "Peace: governance, rule of law, human rights and gender equality",
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";"))


THEMES = (
    Theme(
        "health", "People", "Health and well-being",
        "more people in {country}, particularly those left furthest behind, use quality, "
        "affordable and resilient health services",
        ("3", "5", "1"), ("WHO", "UNICEF", "UNFPA", "UNAIDS"), "Ministry of Health",
        _words(
            "Primary health care services are strengthened to deliver an essential package; "
            "Health systems are better prepared for and respond to health emergencies; "
            "Sexual, reproductive, maternal and newborn health services reach more women; "
            "Communities adopt healthier practices and demand quality services; "
            "National capacities for HIV, tuberculosis and malaria responses are enhanced; "
            "Health financing and information systems are strengthened"
        ),
        _words(
            "maternal and newborn care; routine immunization; mental health services; "
            "HIV prevention among adolescents; non-communicable disease screening; "
            "health emergency preparedness; essential medicines supply chains; "
            "community health workers; family planning commodities"
        ),
    ),
    Theme(
        "education", "People", "Quality education and learning",
        "children and young people in {country} learn and acquire skills in safe, "
        "inclusive and quality education systems",
        ("4", "5", "8"), ("UNICEF", "UNESCO", "UNFPA", "ILO"), "Ministry of Education",
        _words(
            "Education sector planning and financing are evidence-based and equity-focused; "
            "More out-of-school children access quality early learning and basic education; "
            "Teachers have enhanced capacity to deliver inclusive and digital learning; "
            "Young people access relevant technical and vocational skills; "
            "Schools are safe, resilient and gender-responsive"
        ),
        _words(
            "foundational literacy and numeracy; early childhood education; teacher training; "
            "digital learning platforms; technical and vocational training; "
            "school feeding linkages; comprehensive sexuality education; "
            "education management information systems; inclusive education for children "
            "with disabilities"
        ),
    ),
    Theme(
        "social-protection", "People", "Social protection",
        "the most vulnerable people in {country} are covered by a shock-responsive, "
        "inclusive social protection system",
        ("1", "10", "5"), ("UNICEF", "ILO", "WFP", "UNDP"), "Ministry of Social Affairs",
        _words(
            "National social protection policy and legal frameworks are strengthened; "
            "Social registries and delivery systems are integrated and shock-responsive; "
            "Social services for children, families and persons with disabilities are "
            "expanded; Coverage of social insurance extends to informal workers"
        ),
        _words(
            "cash transfers for vulnerable households; social registry development; "
            "child protection case management; disability benefits; "
            "social insurance for informal workers; shock-responsive social protection"
        ),
    ),
    Theme(
        "food", "People", "Food security and nutrition",
        "people in {country} have better access to safe, nutritious and sufficient food "
        "all year round",
        ("2", "3", "12"), ("WFP", "FAO", "UNICEF", "IFAD"), "Ministry of Agriculture",
        _words(
            "Food-insecure households meet their basic food and nutrition needs; "
            "National nutrition programmes prevent stunting and wasting; "
            "Smallholder farmers increase their productivity and incomes; "
            "Food systems are more sustainable and resilient to shocks"
        ),
        _words(
            "school meals; treatment of acute malnutrition; micronutrient supplementation; "
            "climate-smart agriculture; smallholder market access; food safety standards; "
            "food security early warning"
        ),
    ),
    Theme(
        "jobs", "Prosperity", "Decent work and inclusive growth",
        "more women and young people in {country} find decent jobs in a diversified, "
        "inclusive and productive economy",
        ("8", "9", "10"), ("ILO", "UNDP", "UNIDO", "ITC"), "Ministry of Labour",
        _words(
            "Employment policies and labour market institutions are strengthened; "
            "Micro, small and medium enterprises access finance, markets and skills; "
            "Young people and women have improved access to decent employment; "
            "Industrial and trade policies support diversification and value chains"
        ),
        _words(
            "youth entrepreneurship; labour inspection; value chain development; "
            "export promotion for small enterprises; green jobs; occupational safety; "
            "financial inclusion; digital economy skills"
        ),
    ),
    Theme(
        "cities", "Prosperity", "Sustainable cities and infrastructure",
        "people in cities and towns of {country} benefit from sustainable, inclusive and "
        "resilient urban development",
        ("11", "9", "6"), ("UN-Habitat", "UNDP", "UNOPS", "UNICEF"),
        "Ministry of Urban Development",
        _words(
            "Urban planning and land management are inclusive and risk-informed; "
            "More households access safe water, sanitation and hygiene; "
            "Local governments deliver better basic services; "
            "Public infrastructure is more resilient and accessible"
        ),
        _words(
            "urban planning; water supply systems; sanitation and hygiene; "
            "affordable housing; local service delivery; resilient public infrastructure; "
            "solid waste management"
        ),
    ),
    Theme(
        "climate", "Planet", "Climate action and disaster resilience",
        "communities and institutions in {country} are more resilient to climate change, "
        "disasters and environmental degradation",
        ("13", "11", "1", "15"), ("UNDP", "UNEP", "FAO", "UNDRR"), "Ministry of Environment",
        _words(
            "Climate change adaptation and mitigation are integrated into national plans; "
            "Disaster risk reduction and early warning systems are strengthened; "
            "Communities manage natural resources sustainably; "
            "Access to climate finance is increased"
        ),
        _words(
            "nationally determined contributions; multi-hazard early warning; "
            "community-based disaster risk management; ecosystem restoration; "
            "climate finance readiness; drought resilience; anticipatory action"
        ),
    ),
    Theme(
        "energy", "Planet", "Energy and the environment",
        "{country} moves towards clean energy, a circular economy and the sustainable use "
        "of its natural resources",
        ("7", "12", "14", "15"), ("UNEP", "UNDP", "UNIDO", "FAO"), "Ministry of Energy",
        _words(
            "Renewable energy and energy efficiency policies are adopted and implemented; "
            "Chemicals, waste and pollution are managed soundly; "
            "Biodiversity and ecosystems are conserved and restored; "
            "Sustainable consumption and production practices are scaled up"
        ),
        _words(
            "solar mini-grids; energy efficiency standards; plastic waste reduction; "
            "protected area management; sustainable fisheries; chemicals management; "
            "circular economy pilots"
        ),
    ),
    Theme(
        "governance", "Peace", "Governance and rule of law",
        "institutions in {country} are more accountable, transparent and responsive, and "
        "people have access to justice",
        ("16", "17", "10"), ("UNDP", "UNODC", "OHCHR", "UNICEF"), "Ministry of Justice",
        _words(
            "Public institutions deliver services in an accountable and transparent way; "
            "Justice and security institutions uphold the rule of law; "
            "Civic space and participation in decision-making are expanded; "
            "National statistical systems produce disaggregated data for the SDGs"
        ),
        _words(
            "access to justice; anti-corruption measures; electoral processes; "
            "local governance; civil registration and vital statistics; "
            "crime prevention; SDG data and monitoring; public financial management"
        ),
    ),
    Theme(
        "gender", "Peace", "Gender equality",
        "women and girls in {country} are empowered and live free from discrimination and "
        "violence",
        ("5", "16", "10"), ("UN-Women", "UNFPA", "UNDP", "UNICEF"), "Ministry of Women's Affairs",
        _words(
            "Laws and policies advance gender equality and women's rights; "
            "Survivors of gender-based violence access quality essential services; "
            "Women participate and lead in political and economic life; "
            "Harmful social norms and practices are addressed"
        ),
        _words(
            "gender-based violence response; women's political participation; "
            "gender-responsive budgeting; ending child marriage; women's economic "
            "empowerment; essential services for survivors"
        ),
    ),
    Theme(
        "rights", "Peace", "Human rights and inclusion",
        "people in {country}, in particular those left furthest behind, enjoy their human "
        "rights and are included in development",
        ("10", "16", "8"), ("OHCHR", "UNHCR", "IOM", "UNDP"), "Ministry of Interior",
        _words(
            "Human rights mechanisms' recommendations are implemented and monitored; "
            "Migrants, refugees and displaced people access protection and services; "
            "Persons with disabilities and minorities are included in public policies; "
            "National human rights institutions are strengthened"
        ),
        _words(
            "universal periodic review follow-up; refugee protection; migration governance; "
            "statelessness reduction; disability inclusion; human rights monitoring; "
            "protection of human rights defenders"
        ),
    ),
)  # fmt: skip

# Sub-output titles: an activity, then a theme's topic ("Technical assistance on ...").
ACTIVITIES = _words(
    "Capacity building on; Technical assistance on; Policy advice on; Evidence generation on; "
    "Community outreach on; Service delivery support for; Advocacy and communication on; "
    "Data collection and analysis on; South-South cooperation on; Strengthening national "
    "systems for; Piloting innovative approaches to; Knowledge management on"
)

THEME_GROUPS = (
    ("GENDER", "UN Theme Group on Gender Equality", ("UN-Women", "UNFPA", "UNDP")),
    ("HUMAN-RIGHTS", "UN Theme Group on Human Rights", ("OHCHR", "UNDP", "UNICEF")),
    ("YOUTH", "UN Theme Group on Youth", ("UNFPA", "UNICEF", "ILO", "UNESCO")),
    ("HIV", "Joint UN Team on HIV/AIDS", ("UNAIDS", "WHO", "UNICEF", "UNFPA")),
    ("DISABILITY", "UN Theme Group on Disability Inclusion", ("UNICEF", "WHO", "UNDP")),
    ("DATA", "UN Data and Statistics Group", ("UNFPA", "UNICEF", "UNDP")),
)
TASK_FORCES = (
    ("PROCUREMENT", "Common Procurement Task Force", ("UNOPS", "UNDP", "UNICEF", "WFP")),
    ("HR", "Human Resources Task Force", ("UNDP", "UNFPA", "UNICEF")),
    ("ICT", "ICT Task Force", ("WFP", "UNICEF", "UNDP")),
    ("FINANCE", "Finance and HACT Task Force", ("UNDP", "UNICEF", "UNFPA")),
    ("PREMISES", "Common Premises Task Force", ("UNDP", "UNOPS", "WFP")),
    ("LOGISTICS", "Logistics Task Force", ("WFP", "UNHCR", "UNICEF")),
)
OPERATIONS_LEADS = ("UNDP", "UNICEF", "WFP", "UNFPA", "UNHCR", "WHO", "UNOPS")
PROGRAMME_LEADS = ("UNDP", "UNICEF", "UNFPA", "WHO", "FAO")
COMMUNICATION_LEADS = ("UNICEF", "UNDP", "UNFPA", "WHO")
MONITORING_LEADS = ("UNFPA", "UNICEF", "UNDP", "WFP")
