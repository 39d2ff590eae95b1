"""Names and places of the large portfolio: people, cities, addresses and the
words company names are made of, in Spanish and English."""

from __future__ import annotations

# Name pools; order matters, since the seeded draws pick by position.
# fmt: off
ES_FIRST = [
    "Alberto", "Alejandro", "Alicia", "Ana", "Andrés", "Ángel", "Antonio", "Begoña", "Carlos",
    "Carmen", "Cristina", "Daniel", "David", "Elena", "Emilio", "Enrique", "Esther", "Eva",
    "Fernando", "Francisco", "Gloria", "Gonzalo", "Ignacio", "Inés", "Iñaki", "Irene", "Isabel",
    "Javier", "Jesús", "Jordi", "Jorge", "José", "Juan", "Julia", "Laura", "Lucía", "Luis",
    "Manuel", "Marta", "María", "Mercedes", "Miguel", "Montserrat", "Nerea", "Nuria", "Pablo",
    "Paloma", "Patricia", "Pedro", "Pilar", "Rafael", "Ramón", "Raquel", "Ricardo", "Rocío",
    "Rosa", "Santiago", "Sergio", "Silvia", "Sofía", "Teresa", "Vicente", "Xavier", "Yolanda",
    "Ainhoa", "Aitor", "Amaia", "Borja", "Marc", "Montse", "Núria", "Oriol", "Pau", "Roser",
]
ES_LAST = [
    "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
    "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
    "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos",
    "Gil", "Ramírez", "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado",
    "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Medina", "Garrido",
    "Cortés", "Castillo", "Santos", "Lozano", "Guerrero", "Cano", "Prieto", "Méndez", "Cruz",
    "Calvo", "Gallego", "Vidal", "León", "Márquez", "Herrera", "Peña", "Flores", "Cabrera",
    "Campos", "Vega", "Fuentes", "Carrasco", "Diez", "Caballero", "Reyes", "Nieto", "Aguilar",
    "Pascual", "Santana", "Herrero", "Lorenzo", "Montero", "Hidalgo", "Giménez", "Ibáñez",
    "Ferrer", "Durán", "Santiago", "Benítez", "Mora", "Vicente", "Arias", "Vargas", "Carmona",
    "Crespo", "Román", "Pastor", "Soto", "Sáez", "Velasco", "Moya", "Soler", "Parra", "Esteban",
    "Bravo", "Gallardo", "Rojas", "Puig", "Goikoetxea", "Etxeberria", "Arrieta", "Vilaró",
    "Casals", "Bosch",
]
EN_FIRST = [
    "Adam", "Alice", "Amelia", "Andrew", "Anna", "Ben", "Charlotte", "Chloe", "Chris", "Claire",
    "Daniel", "David", "Emily", "Emma", "George", "Grace", "Hannah", "Harry", "Helen", "Isabel",
    "Jack", "James", "Jane", "Jessica", "John", "Kate", "Laura", "Liam", "Lucy", "Mark",
    "Matthew", "Michael", "Naomi", "Oliver", "Olivia", "Paul", "Peter", "Rachel", "Richard",
    "Robert", "Ruth", "Sam", "Sarah", "Simon", "Sophie", "Thomas", "Tom", "Victoria", "William",
    "Aoife", "Niamh", "Sean", "Ciaran", "Priya", "Raj", "Aisha", "Omar",
]
EN_LAST = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips", "Mason", "Mitchell",
    "Rose", "Davis", "Rodgers", "Baker", "Cooper", "Hill", "Ward", "Morris", "Turner", "King",
    "Harris", "Clark", "Allen", "Scott", "Young", "Moore", "Edwards", "Hughes", "Bell",
    "Murphy", "Kelly", "Byrne", "Walsh", "O'Brien", "Ryan", "Campbell", "Stewart", "Anderson",
    "Murray", "Fraser", "Reid", "Graham", "Hamilton", "Gray", "Kennedy", "Harrison", "Palmer",
    "Barker",
]
# fmt: on

ES_CITIES = (
    ("Madrid", "28", "Madrid"),
    ("Barcelona", "08", "Barcelona"),
    ("Valencia", "46", "Valencia"),
    ("Sevilla", "41", "Sevilla"),
    ("Zaragoza", "50", "Zaragoza"),
    ("Málaga", "29", "Málaga"),
    ("Murcia", "30", "Murcia"),
    ("Bilbao", "48", "Bizkaia"),
    ("Vitoria-Gasteiz", "01", "Álava"),
    ("Valladolid", "47", "Valladolid"),
    ("Vigo", "36", "Pontevedra"),
    ("Gijón", "33", "Asturias"),
    ("A Coruña", "15", "A Coruña"),
    ("Alicante", "03", "Alicante"),
    ("Pamplona", "31", "Navarra"),
    ("Santander", "39", "Cantabria"),
    ("Burgos", "09", "Burgos"),
    ("Castellón", "12", "Castellón"),
    ("Tarragona", "43", "Tarragona"),
    ("Girona", "17", "Girona"),
    ("Córdoba", "14", "Córdoba"),
    ("Granada", "18", "Granada"),
    ("Huelva", "21", "Huelva"),
    ("Logroño", "26", "La Rioja"),
    ("León", "24", "León"),
    ("Albacete", "02", "Albacete"),
    ("Badajoz", "06", "Badajoz"),
    ("Lleida", "25", "Lleida"),
    ("Sabadell", "08", "Barcelona"),
    ("Getafe", "28", "Madrid"),
)
EN_CITIES = (
    ("Manchester", "M"),
    ("Birmingham", "B"),
    ("Leeds", "LS"),
    ("Sheffield", "S"),
    ("Bristol", "BS"),
    ("Liverpool", "L"),
    ("Glasgow", "G"),
    ("Edinburgh", "EH"),
    ("Cardiff", "CF"),
    ("Newcastle", "NE"),
    ("Nottingham", "NG"),
    ("Leicester", "LE"),
    ("Coventry", "CV"),
    ("Rochdale", "OL"),
    ("Derby", "DE"),
    ("Southampton", "SO"),
    ("Reading", "RG"),
    ("Belfast", "BT"),
    ("Dublin", "D"),
    ("Cork", "T12"),
)
ES_STREETS = (
    "Calle de la Industria",
    "Avenida de Europa",
    "Calle del Hierro",
    "Calle Lermandabide",
    "Avenida de los Artesanos",
    "Calle de la Fragua",
    "Camino Real",
    "Calle del Cobre",
    "Avenida de la Constitución",
    "Calle Gran Vía",
    "Calle de los Torneros",
    "Ronda Sur",
)
ES_ESTATES = (
    "Polígono Industrial Júndiz",
    "Polígono Industrial Las Arenas",
    "Polígono Industrial El Sequero",
    "Polígono Industrial San Isidro",
    "Parque Empresarial La Marina",
    "Polígono Industrial Los Llanos",
    "Parque Tecnológico",
    "Polígono Industrial Malpica",
    "Zona Franca",
)
EN_ESTATES = (
    "Kingsway Business Park",
    "Trafford Park",
    "Meridian Business Park",
    "Riverside Industrial Estate",
    "Castle Mound Way",
    "Lakeside Industrial Estate",
    "Harbour Road Industrial Park",
    "Pioneer Park",
)

# industry key: (weight, Spanish company words, English company words)
INDUSTRIES: dict[str, tuple[float, tuple[str, ...], tuple[str, ...]]] = {
    "automotive": (
        1.2,
        ("Automoción", "Componentes", "Recambios", "Carrocerías", "Estampaciones"),
        ("Automotive", "Motor Components", "Vehicle Systems"),
    ),
    "chemicals": (
        0.8,
        ("Química", "Pinturas", "Plásticos", "Resinas", "Detergentes"),
        ("Chemicals", "Coatings", "Polymers"),
    ),
    "energy": (
        0.6,
        ("Energía", "Renovables", "Eólica", "Solar"),
        ("Energy", "Renewables", "Power"),
    ),
    "food & beverage": (
        1.4,
        ("Conservas", "Alimentación", "Lácteos", "Bodegas", "Cárnicas", "Panificadora"),
        ("Foods", "Dairies", "Brewing", "Bakeries"),
    ),
    "logistics": (
        0.9,
        ("Transportes", "Logística", "Distribuciones"),
        ("Logistics", "Freight", "Haulage"),
    ),
    "machinery": (
        1.3,
        ("Maquinaria", "Talleres", "Mecanizados", "Construcciones Mecánicas"),
        ("Engineering", "Machine Tools", "Precision"),
    ),
    "metals": (
        1.0,
        ("Aceros", "Fundiciones", "Metalúrgica", "Forjas", "Tubos"),
        ("Steel", "Castings", "Metals", "Forgings"),
    ),
    "packaging": (
        0.8,
        ("Envases", "Embalajes", "Cartonajes"),
        ("Packaging", "Cartons", "Containers"),
    ),
    "pharma": (
        0.5,
        ("Farmacéutica", "Laboratorios"),
        ("Pharma", "Laboratories", "Life Sciences"),
    ),
    "retail": (
        0.6,
        ("Supermercados", "Almacenes", "Hipermercados"),
        ("Retail", "Stores", "Wholesale"),
    ),
    "paper": (0.4, ("Papelera", "Celulosas"), ("Paper", "Paper Mills")),
    "water": (0.3, ("Aguas", "Depuradoras"), ("Water", "Water Services")),
}
ES_FORMS = ("S.A.", "S.L.", "S.A.", "S.L.", "S.Coop.")
EN_FORMS = ("Ltd", "Ltd", "plc", "Group Ltd", "Limited")
ES_PREFIXES = ("Grupo", "Industrias", "Hermanos", "")
ES_PLACE_WORDS = ("del Norte", "del Sur", "de Levante", "Cantábrica", "Ibérica", "Mediterránea")
EN_PLACE_WORDS = ("Northern", "Midland", "Western", "Pennine", "Atlantic", "Thames", "Northwind")
