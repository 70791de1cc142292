"""Product vocabularies for the demo listings, one catalogue per kind of workshop.

A title is ``type + style + motif + size`` in Vietnamese ("Bình hoa" "men lam" "vẽ sen"
"cao 40 cm") and ``Style type motif size`` in English ("Blue-glaze" "vase" " with lotus
painting" ", 40 cm tall"). ``{village}`` in any text is replaced by the producer's village.
Prices are integer VND for the type, multiplied by the style's and size's factors.
Each type, style and motif also carries the drawing hints ``art.py`` understands.
"""
from collections import namedtuple

# ``motifs``: True to use the catalogue's motifs, False for none, or the type's own tuple of them.
Type = namedtuple("Type", "vi en price unit hs art sizes motifs", defaults=({}, None, True))
# A style with its own ``motif`` always uses it (plain silk is named after its village, not a pattern).
Style = namedtuple("Style", "vi en factor art materials motif", defaults=(1.0, {}, None, None))
Motif = namedtuple("Motif", "vi en art", defaults=({},))
Size = namedtuple("Size", "vi en factor")

# Colours for variants and drawings: (Vietnamese, English, hex).
SILK_COLOURS = (
    ("đỏ đô", "burgundy", "#7b1e2b"), ("xanh ngọc", "jade", "#2e7d6b"), ("vàng nghệ", "turmeric", "#d9a21b"),
    ("tím than", "midnight purple", "#2f2a4f"), ("trắng ngà", "ivory", "#efe6d0"), ("hồng phấn", "blush pink", "#e8b4b8"),
    ("xanh cổ vịt", "teal", "#1f6f78"), ("nâu cánh gián", "chestnut", "#6b3a24"), ("xanh lam", "cobalt blue", "#2b4c9b"),
)
LOTUS_SIZES = (("Cỡ nhỏ", "Small", 1.0), ("Cỡ vừa", "Medium", 1.35), ("Cỡ lớn", "Large", 1.8))
KNIT_COLOURS = (
    ("đỏ mận", "plum red", "#7a2e3a"), ("xanh than", "navy", "#2b3a55"), ("xám ghi", "heather grey", "#8b8f94"),
    ("be", "oatmeal", "#d8c8a8"), ("xanh rêu", "moss green", "#4f6a3f"), ("vàng mù tạt", "mustard", "#c9a227"),
    ("trắng kem", "cream", "#f1ead8"),
)
KNIT_SIZES = (("Cỡ S", "Size S", 0), ("Cỡ M", "Size M", 0), ("Cỡ L", "Size L", 0), ("Cỡ XL", "Size XL", 10_000))
THREADS = (
    ("#c0392b", "#3d7a4f", "#5a4632", "#e0b040"), ("#d96c8a", "#4f8a5b", "#6d4c41", "#f2c94c"),
    ("#1f4e79", "#6a994e", "#3e2723", "#e9c46a"), ("#8e3b46", "#2a9d8f", "#4a4e69", "#f4a261"),
)
GROUNDS = ("#f3ead8", "#f7f3ea", "#e9dcc5", "#dfe7e2", "#efe2e2")

# Sentences shared by every catalogue: how to order. {moq}, {lead}, {unit_vi}, {unit_en} are filled in.
ORDERING = (
    ("Đặt tối thiểu {moq} {unit_vi}; hàng có sẵn giao ngay, đặt thêm làm trong khoảng {lead} ngày.",
     "Minimum order {moq} {unit_en}; pieces in stock ship at once, further orders take about {lead} days."),
    ("Nhận đơn sỉ và đơn theo mẫu riêng, thời gian làm khoảng {lead} ngày.",
     "Wholesale and custom orders welcome, made in about {lead} days."),
    ("Đóng gói chống va đập, giao toàn quốc và gửi hàng đi nước ngoài theo yêu cầu.",
     "Packed against knocks; delivery across Vietnam and shipping abroad on request."),
    ("Mỗi sản phẩm làm thủ công nên màu và họa tiết có thể khác ảnh đôi chút.",
     "Every piece is handmade, so colours and patterns may differ slightly from the photos."),
)

_TALL = (Size("cao 25 cm", ", 25 cm tall", 0.8), Size("cao 40 cm", ", 40 cm tall", 1.4), Size("cao 60 cm", ", 60 cm tall", 2.6))
_ACROSS = (Size("đường kính 26 cm", ", 26 cm across", 1.0), Size("đường kính 36 cm", ", 36 cm across", 1.6))
_BASKET = (Size("cỡ nhỏ", ", small", 0.8), Size("cỡ vừa", ", medium", 1.0), Size("cỡ lớn", ", large", 1.4))
_PICTURE = (Size("40 × 60 cm", ", 40 × 60 cm", 1.0), Size("60 × 90 cm", ", 60 × 90 cm", 1.9), Size("80 × 120 cm", ", 80 × 120 cm", 3.2))
_STATUE = (Size("cao 30 cm", ", 30 cm tall", 1.0), Size("cao 50 cm", ", 50 cm tall", 2.1), Size("cao 80 cm", ", 80 cm tall", 4.0))
_FLAG = (Size("60 × 90 cm", ", 60 × 90 cm", 1.0), Size("80 × 120 cm", ", 80 × 120 cm", 1.5), Size("100 × 150 cm", ", 100 × 150 cm", 2.2),
         Size("140 × 210 cm", ", 140 × 210 cm", 3.8))
_LITRES = (Size("10 lít", ", 10 litres", 1.0), Size("20 lít", ", 20 litres", 1.5), Size("40 lít", ", 40 litres", 2.3))
_PACK = (Size("hộp 300 g", ", 300 g box", 1.0), Size("túi 500 g", ", 500 g bag", 1.5), Size("hộp quà 1 kg", ", 1 kg gift box", 3.2))
_KG = (Size("gói 500 g", ", 500 g pack", 1.0), Size("gói 1 kg", ", 1 kg pack", 1.9), Size("bao 5 kg", ", 5 kg sack", 8.5))
_POWER = (Size("1,5 kW", ", 1.5 kW", 1.0), Size("3 kW", ", 3 kW", 1.35), Size("5,5 kW", ", 5.5 kW", 1.8))

_FLOWERS = (
    Motif("vẽ sen", " with lotus painting", {"motif": "lotus"}),
    Motif("vẽ trúc", " with bamboo painting", {"motif": "bamboo"}),
    Motif("vẽ hoa cúc", " with chrysanthemums", {"motif": "chrysanthemum"}),
    Motif("vẽ cá chép", " with carp", {"motif": "carp"}),
    Motif("vẽ rồng", " with a dragon", {"motif": "dragon"}),
    Motif("vẽ hoa mai", " with apricot blossoms", {"motif": "blossom"}),
    Motif("vẽ cảnh làng quê", " with a village landscape", {"motif": "landscape"}),
    Motif("vẽ hạc", " with cranes", {"motif": "crane"}),
)
_WEAVES = (
    Motif("đan mắt cáo", ", hexagonal weave", {"weave": "hex"}),
    Motif("đan lóng mốt", ", twill weave", {"weave": "twill"}),
    Motif("đan nong", ", plain weave", {"weave": "plain"}),
)
_HANDLED = _WEAVES + (Motif("có quai da", " with leather handles", {"weave": "plain"}),)
_CARVED = (
    Motif("hoa sen", " with lotus", {"motif": "lotus"}),
    Motif("tùng hạc", " with pine and cranes", {"motif": "crane"}),
    Motif("hoa mai", " with apricot blossoms", {"motif": "blossom"}),
    Motif("rồng mây", " with dragon and clouds", {"motif": "dragon"}),
    Motif("cá chép", " with carp", {"motif": "carp"}),
    Motif("phong cảnh làng quê", " with a village landscape", {"motif": "landscape"}),
    Motif("trúc", " with bamboo", {"motif": "bamboo"}),
)

CATALOGUES = {
    "ceramics": {
        "types": (
            Type("Bình hoa", "vase", 650_000, "piece", "691390", {"shape": "vase"}, _TALL),
            Type("Hũ gốm", "jar", 420_000, "piece", "691390", {"shape": "jar"}, _TALL),
            Type("Bộ 6 bát ăn cơm", "set of 6 rice bowls", 360_000, "set", "691200", {"shape": "bowl"}),
            Type("Đĩa trang trí", "decorative plate", 280_000, "piece", "691390", {"shape": "plate"}, _ACROSS),
            Type("Bộ ấm chén", "tea set", 850_000, "set", "691200", {"shape": "teapot"}),
            Type("Cốc sứ", "porcelain mug", 95_000, "piece", "691200", {"shape": "mug"}),
            Type("Đèn ngủ gốm", "ceramic bedside lamp", 780_000, "piece", "691390", {"shape": "lamp"}),
            Type("Chậu cây gốm", "ceramic planter", 240_000, "piece", "691390", {"shape": "planter"}, _BASKET),
        ),
        "styles": (
            Style("men lam", "Blue-glaze", 1.0, {"glaze": "blue"}),
            Style("men rạn", "Crackle-glaze", 1.15, {"glaze": "crackle"}),
            Style("men ngọc", "Celadon", 1.2, {"glaze": "celadon"}),
            Style("men nâu", "Brown-glaze", 0.95, {"glaze": "brown"}),
            Style("men hỏa biến", "Flambé-glaze", 1.3, {"glaze": "flambe"}),
            Style("men trắng vẽ vàng", "White and gold", 1.25, {"glaze": "white"}),
            Style("men xanh rêu", "Moss-green", 1.05, {"glaze": "green"}),
        ),
        "motifs": _FLOWERS,
        "materials": "đất sét cao lanh, men tro (kaolin clay, ash glaze)",
        "lead": (7, 21),
        "made": (
            ("Tạo dáng trên bàn xoay, vẽ tay rồi nung ở khoảng 1.200 °C trong lò ở {village}.",
             "Thrown on the wheel, painted by hand and fired at about 1,200 °C in a kiln in {village}."),
            ("Men phủ dày, bóng, an toàn với thực phẩm; dùng được máy rửa bát.",
             "The glaze is thick, glossy and food-safe; dishwasher safe."),
            ("Mỗi nét vẽ do thợ {village} vẽ bằng bút lông, không in decal.",
             "Every stroke is brushed by a {village} painter, never decal-printed."),
        ),
    },
    "silk": {
        "types": (
            Type("Khăn lụa tơ tằm", "mulberry silk scarf", 380_000, "piece", "621410", {"shape": "scarf"}),
            Type("Khăn choàng lụa", "silk shawl", 690_000, "piece", "621410", {"shape": "shawl"}),
            Type("Vải lụa tơ tằm", "silk fabric by the metre", 290_000, "metre", "500720", {"shape": "fabric"}),
            Type("Cà vạt lụa", "silk tie", 260_000, "piece", "621510", {"shape": "tie"}),
            Type("Bộ vải áo dài lụa", "silk áo dài fabric set", 1_450_000, "set", "500720", {"shape": "fabric"}),
            Type("Vỏ gối lụa", "silk pillowcase", 420_000, "piece", "630229", {"shape": "pillow"}),
        ),
        "styles": (
            Style("dệt vân", "Damask-woven", 1.2, {"pattern": "damask"}),
            Style("in", "Printed", 1.0, {"pattern": "print"}),
            Style("trơn", "Plain", 0.9, {"pattern": "plain"}, None, Motif("{village}", " from {village}")),
            Style("nhuộm màu tự nhiên", "Natural-dyed", 1.25, {"pattern": "plain"}, None, Motif("{village}", " from {village}")),
        ),
        "motifs": (
            Motif("hoa sen", " with lotus pattern", {"motif": "lotus"}),
            Motif("chữ Thọ", " with longevity pattern", {"motif": "chrysanthemum"}),
            Motif("hoa cúc", " with chrysanthemum pattern", {"motif": "chrysanthemum"}),
            Motif("trúc", " with bamboo pattern", {"motif": "bamboo"}),
            Motif("hoa đào", " with peach-blossom pattern", {"motif": "blossom"}),
        ),
        "materials": "tơ tằm 100% (100% mulberry silk)",
        "lead": (5, 15),
        "variants": ("colours", SILK_COLOURS),
        "made": (
            ("Lụa dệt trên khung ở {village}, mặt vải mềm, rủ và mát.",
             "Woven on looms in {village}: soft, fluid and cool against the skin."),
            ("Giặt tay bằng nước lạnh với xà phòng dịu, phơi trong bóng râm.",
             "Hand-wash cold with a mild soap and dry in the shade."),
            ("Mỗi màu nhuộm theo mẻ nhỏ nên có thể đậm nhạt khác nhau đôi chút.",
             "Each colour is dyed in small batches and may vary slightly in depth."),
        ),
    },
    "lotus-silk": {
        "types": (
            Type("Khăn lụa tơ sen", "lotus-fibre silk scarf", 4_800_000, "piece", "621490", {"shape": "scarf"}, None, False),
            Type("Khăn choàng tơ sen", "lotus-fibre shawl", 9_500_000, "piece", "621490", {"shape": "shawl"}, None, False),
            Type("Cà vạt tơ sen", "lotus-fibre tie", 2_900_000, "piece", "621590", {"shape": "tie"}, None, False),
            Type("Khăn tơ sen pha tơ tằm", "lotus and mulberry silk scarf", 1_900_000, "piece", "621490", {"shape": "scarf"}, None, False),
            Type("Vải tơ sen", "lotus-fibre cloth by the metre", 6_500_000, "metre", "530919", {"shape": "fabric"}, None, False),
        ),
        "styles": (
            Style("màu mộc", "Undyed", 1.0, {"pattern": "lotus-fibre", "colours": ["#e6dcc4"]}),
            Style("nhuộm chàm", "Indigo-dyed", 1.1, {"pattern": "lotus-fibre", "colours": ["#3a4e78"]}),
            Style("nhuộm củ nâu", "Nâu-root-dyed", 1.1, {"pattern": "lotus-fibre", "colours": ["#8a5a3c"]}),
        ),
        "motifs": (),
        "materials": "tơ sen rút từ cuống sen (lotus-stem fibre)",
        "lead": (30, 60),
        "variants": ("sizes", LOTUS_SIZES),
        "made": (
            ("Tơ được rút tay từ cuống sen, se thành sợi rồi dệt tay ở {village}; mỗi khăn cần hàng nghìn cuống sen.",
             "The fibre is drawn by hand from lotus stems, twisted and hand-woven in {village}; each scarf takes thousands of stems."),
            ("Sợi tơ sen hơi thô, xốp, càng dùng càng mềm.",
             "Lotus fibre is slightly rough and airy, and softens with use."),
        ),
    },
    "embroidery": {
        "types": (
            Type("Tranh thêu tay", "hand-embroidered picture", 1_800_000, "piece", "581092", {"shape": "picture"}, _PICTURE),
            Type("Khăn trải bàn thêu", "embroidered tablecloth", 850_000, "piece", "630291", {"shape": "cloth"}),
            Type("Vỏ gối tựa thêu", "embroidered cushion cover", 290_000, "piece", "630492", {"shape": "cushion"}),
            Type("Khăn tay thêu", "embroidered handkerchief", 65_000, "piece", "621390", {"shape": "cloth"}),
            Type("Túi vải thêu tay", "hand-embroidered tote bag", 320_000, "piece", "420222", {"shape": "cloth"}),
            Type("Khăn trải giữa bàn thêu", "embroidered table runner", 420_000, "piece", "630291", {"shape": "cloth"}),
        ),
        "styles": (
            Style("chỉ tơ tằm", "Silk-thread", 1.3),
            Style("chỉ cotton", "Cotton-thread", 1.0),
            Style("thêu nổi", "Raised-stitch", 1.2),
            Style("thêu chữ thập", "Cross-stitch", 0.9),
        ),
        "motifs": (
            Motif("hồ sen", " of a lotus pond", {"motif": "lotus"}),
            Motif("Chùa Một Cột", " of the One Pillar Pagoda", {"motif": "pagoda"}),
            Motif("phong cảnh làng quê", " of a village landscape", {"motif": "landscape"}),
            Motif("hoa mai", " with apricot blossoms", {"motif": "blossom"}),
            Motif("đôi cá chép", " with a pair of carp", {"motif": "carp"}),
            Motif("hạc và trăng", " with a crane and the moon", {"motif": "crane"}),
            Motif("hoa cúc", " with chrysanthemums", {"motif": "chrysanthemum"}),
            Motif("tre trúc", " with bamboo", {"motif": "bamboo"}),
        ),
        "materials": "vải lanh, chỉ tơ tằm và chỉ cotton (linen, silk and cotton thread)",
        "lead": (14, 45),
        "made": (
            ("Thêu tay hoàn toàn trên khung ở {village}, mặt sau gọn, không xổ chỉ.",
             "Entirely hand-stitched on the frame in {village}, with a neat back and no loose threads."),
            ("Thợ thêu chọn chỉ theo từng sắc độ để hình có chiều sâu.",
             "The embroiderer picks thread shade by shade to give the picture depth."),
            ("Giặt nhẹ bằng tay, là mặt trái ở nhiệt độ thấp.",
             "Wash gently by hand and iron on the reverse at a low setting."),
        ),
    },
    "lacquer": {
        "types": (
            Type("Tranh sơn mài", "lacquer painting", 2_200_000, "piece", "442090", {"shape": "painting"}, _PICTURE),
            Type("Hộp sơn mài", "lacquer box", 320_000, "piece", "442090", {"shape": "box"}),
            Type("Khay sơn mài", "lacquer tray", 420_000, "piece", "441990", {"shape": "tray"}),
            Type("Bình sơn mài", "lacquer vase", 950_000, "piece", "442090", {"shape": "vase"}),
            Type("Bát sơn mài", "lacquer bowl", 220_000, "piece", "441990", {"shape": "bowl"}),
            Type("Đĩa sơn mài", "lacquer plate", 380_000, "piece", "441990", {"shape": "plate"}),
            Type("Bộ 6 lót cốc sơn mài", "set of 6 lacquer coasters", 240_000, "set", "441990", {"shape": "coasters"}),
        ),
        "styles": (
            Style("khảm trứng", "Eggshell-inlaid", 1.2, {"finish": "eggshell", "ground": "black"}),
            Style("dát vàng", "Gold-leaf", 1.35, {"finish": "gold", "ground": "black"}),
            Style("khảm trai", "Mother-of-pearl", 1.3, {"finish": "pearl", "ground": "brown"}),
            Style("son đỏ dát bạc", "Vermilion and silver-leaf", 1.15, {"finish": "silver", "ground": "vermilion"}),
            Style("son đỏ dát vàng", "Vermilion and gold", 1.3, {"finish": "gold", "ground": "vermilion"}),
        ),
        "motifs": _CARVED,
        "materials": "gỗ, sơn ta, vỏ trứng, vàng bạc dát, vỏ trai (wood, natural lacquer, eggshell, metal leaf, mother-of-pearl)",
        "lead": (20, 45),
        "made": (
            ("Cốt gỗ được phủ hàng chục lớp sơn ta, mỗi lớp để khô rồi mài nước ở {village}.",
             "A wooden core takes dozens of coats of natural lacquer, each dried and wet-sanded in {village}."),
            ("Họa tiết được khảm, dát rồi phủ sơn và mài lộ ra, nên bề mặt phẳng và bền.",
             "The decoration is inlaid, covered with lacquer and sanded back, so the surface is flat and lasting."),
            ("Lau bằng khăn mềm, tránh nắng gắt và nước nóng.",
             "Wipe with a soft cloth; keep out of strong sun and hot water."),
        ),
    },
    "rattan-bamboo": {
        "types": (
            Type("Giỏ", "basket", 185_000, "piece", "460212", {"shape": "basket"}, _BASKET, _HANDLED),
            Type("Làn đi chợ", "market basket", 260_000, "piece", "460212", {"shape": "basket"}, None, _HANDLED),
            Type("Khay", "tray", 150_000, "piece", "460212", {"shape": "tray"}, _BASKET),
            Type("Chao đèn", "lampshade", 340_000, "piece", "460211", {"shape": "lamp"}, _BASKET),
            Type("Hộp có nắp", "lidded box", 230_000, "piece", "460212", {"shape": "box"}, _BASKET),
            Type("Túi xách", "handbag", 420_000, "piece", "420229", {"shape": "bag"}, None, _HANDLED),
            Type("Bộ 6 lót ly", "set of 6 coasters", 90_000, "set", "460212", {"shape": "coaster"}),
            Type("Sọt đựng đồ", "storage hamper", 380_000, "piece", "460212", {"shape": "box"}),
        ),
        "styles": (
            Style("mây tự nhiên", "Natural rattan", 1.0, {"fibre": "natural"}, "mây, nan tre (rattan, bamboo strips)"),
            Style("tre hun khói", "Smoked bamboo", 1.1, {"fibre": "smoked"}, "tre hun khói (smoked bamboo)"),
            Style("mây hai màu", "Two-tone rattan", 1.15, {"fibre": "two-tone"}, "mây tự nhiên và mây nhuộm (natural and dyed rattan)"),
            Style("tre trắng", "Pale bamboo", 0.95, {"fibre": "pale"}, "tre ngâm, phơi trắng (soaked, sun-bleached bamboo)"),
        ),
        "motifs": _WEAVES,
        "materials": "mây, tre (rattan, bamboo)",
        "lead": (10, 30),
        "made": (
            ("Nan được chẻ, vót và đan tay ở {village}, viền quấn chặt cho bền.",
             "Strips are split, shaved and woven by hand in {village}, with a tightly wrapped rim."),
            ("Nguyên liệu được sấy và xử lý chống mốc trước khi đan.",
             "The material is dried and treated against mould before weaving."),
        ),
    },
    "wood-carving": {
        "types": (
            Type("Tranh gỗ chạm khắc", "carved wooden panel", 2_400_000, "piece", "442090", {"shape": "panel"}, _PICTURE),
            Type("Hộp gỗ chạm", "carved wooden box", 450_000, "piece", "442090", {"shape": "box"}),
            Type("Tượng Phật ngồi thiền", "seated Buddha statue", 3_800_000, "piece", "442090", {"shape": "statue"}, _STATUE, False),
            Type("Tượng Di Lặc", "laughing Buddha statue", 3_200_000, "piece", "442090", {"shape": "statue"}, _STATUE, False),
            Type("Khay trà gỗ chạm", "carved tea tray", 680_000, "piece", "441990", {"shape": "box"}),
            Type("Đôn kê gỗ chạm", "carved wooden stand", 1_150_000, "piece", "442090", {"shape": "panel"}),
        ),
        "styles": (
            Style("gỗ mít", "Jackfruit-wood", 1.0, {"wood": "jackfruit"}, "gỗ mít (jackfruit wood)"),
            Style("gỗ hương", "Rosewood", 1.6, {"wood": "rosewood"}, "gỗ hương (rosewood)"),
            Style("gỗ tếch", "Teak", 1.3, {"wood": "teak"}, "gỗ tếch (teak)"),
            Style("gỗ bách xanh", "Cypress", 1.4, {"wood": "pine"}, "gỗ bách xanh (cypress)"),
        ),
        "motifs": _CARVED,
        "materials": "gỗ tự nhiên đã sấy (kiln-dried solid wood)",
        "lead": (15, 40),
        "made": (
            ("Đồ gỗ mỹ nghệ chạm tay ở {village}, gỗ được sấy trước để không nứt.",
             "Fine-art woodwork hand-carved in {village}; the wood is kiln-dried first so it does not crack."),
            ("Thợ đục phác rồi chạm chi tiết, hoàn thiện bằng dầu lau hoặc sáp ong.",
             "The carver roughs out the shape with chisels, then the details, finished with oil or beeswax."),
        ),
    },
    "sculpture": {
        "types": (
            Type("Tượng Phật", "Buddha statue", 6_500_000, "piece", "442090", {"shape": "statue"}, _STATUE, False),
            Type("Tượng Quan Âm", "Guanyin statue", 7_800_000, "piece", "442090", {"shape": "statue"}, _STATUE, False),
            Type("Hoành phi chạm", "carved horizontal board (hoành phi)", 4_200_000, "piece", "442090", {"shape": "board"}),
            Type("Đôi câu đối gỗ", "pair of carved parallel boards (câu đối)", 5_600_000, "pair", "442090", {"shape": "pair"}),
            Type("Đài sen thờ", "lotus altar stand", 1_250_000, "piece", "442090", {"shape": "board"}),
        ),
        "styles": (
            Style("sơn son thếp vàng", "Red-lacquered and gilded", 1.0, {"finish": "red"}),
            Style("thếp vàng toàn thân", "Fully gilded", 1.3, {"finish": "gold"}),
            Style("gỗ mít để mộc", "Unpainted jackfruit-wood", 0.7, {"finish": "red"}),
        ),
        "motifs": (
            Motif("rồng mây", " with dragons and clouds", {"motif": "dragon"}),
            Motif("tùng hạc", " with pine and cranes", {"motif": "crane"}),
            Motif("hoa sen", " with lotus", {"motif": "lotus"}),
            Motif("tứ quý", " with the four seasons", {"motif": "blossom"}),
            Motif("trúc", " with bamboo", {"motif": "bamboo"}),
        ),
        "materials": "gỗ mít, sơn ta, vàng quỳ (jackfruit wood, natural lacquer, gold leaf)",
        "lead": (30, 60),
        "made": (
            ("Tạc từ gỗ mít nguyên khối ở {village}, qua nhiều lớp sơn son rồi thếp vàng quỳ.",
             "Carved from a solid block of jackfruit wood in {village}, then given many coats of red lacquer and gold leaf."),
            ("Thợ {village} giữ tỉ lệ và thần thái theo lối tạc truyền thống.",
             "{village} carvers keep the proportions and expression of the traditional style."),
        ),
    },
    "silver": {
        "types": (
            Type("Nhẫn", "ring", 450_000, "piece", "711311", {"shape": "ring"}),
            Type("Vòng tay", "bangle", 950_000, "piece", "711311", {"shape": "bracelet"}),
            Type("Dây chuyền", "necklace", 780_000, "piece", "711311", {"shape": "necklace"}),
            Type("Hoa tai", "earrings", 390_000, "pair", "711311", {"shape": "earrings"}),
            Type("Lắc tay cho bé", "baby bracelet", 520_000, "piece", "711311", {"shape": "bracelet"}),
            Type("Đôi đũa", "chopsticks", 1_350_000, "pair", "711411", {"shape": "chopsticks"}, None, False),
            Type("Mặt dây chuyền", "pendant", 350_000, "piece", "711311", {"shape": "necklace"}),
        ),
        "styles": (
            Style("bạc 925", "Sterling silver", 1.0, {"metal": "silver"}, "bạc 925 (sterling silver)"),
            Style("bạc ta", "Fine silver", 1.2, {"metal": "silver"}, "bạc ta 99% (99% fine silver)"),
            Style("bạc mạ vàng", "Gold-plated silver", 1.45, {"metal": "gold"}, "bạc 925 mạ vàng 18K (18K gold-plated sterling silver)"),
        ),
        "motifs": (
            Motif("chạm hoa sen", " with engraved lotus"),
            Motif("chạm rồng", " with an engraved dragon"),
            Motif("hoa mai", " with apricot-blossom pattern"),
            Motif("đồng tiền", " with coin pattern"),
            Motif("trơn khắc tên", ", plain, with name engraving"),
            Motif("đính đá", " set with a stone"),
        ),
        "materials": "bạc (silver)",
        "lead": (3, 14),
        "made": (
            ("Chế tác và chạm tay tại xưởng trên {village}, đánh bóng thủ công.",
             "Made and engraved by hand in a workshop on {village}, hand-polished."),
            ("Kèm hộp và giấy đảm bảo tuổi bạc; nhận khắc tên miễn phí.",
             "Comes boxed with a silver-purity certificate; name engraving free of charge."),
        ),
    },
    "sheet-metal": {
        "types": (
            Type("Xô", "bucket", 95_000, "piece", "732393", {"shape": "bucket"}, _LITRES),
            Type("Bình tưới cây", "watering can", 145_000, "piece", "732393", {"shape": "can"}, _LITRES),
            Type("Thùng đựng gạo", "rice bin", 320_000, "piece", "731010", {"shape": "bin"}),
            Type("Chậu", "basin", 85_000, "piece", "732393", {"shape": "basin"}),
            Type("Khuôn bánh", "cake mould", 70_000, "piece", "732393", {"shape": "tray"}),
            Type("Thùng có nắp", "lidded drum", 280_000, "piece", "731010", {"shape": "bucket"}, _LITRES),
            Type("Máng ăn chăn nuôi", "feeding trough", 180_000, "piece", "732690", {"shape": "tray"}),
        ),
        "styles": (
            Style("tôn kẽm", "Galvanised steel", 1.0, {}, "tôn mạ kẽm (galvanised steel sheet)"),
            Style("tôn sơn xanh", "Green-painted steel", 1.15, {"paint": "#2f6d5a"}, "tôn sơn tĩnh điện (powder-coated steel)"),
            Style("tôn sơn đỏ", "Red-painted steel", 1.15, {"paint": "#a83a32"}, "tôn sơn tĩnh điện (powder-coated steel)"),
            Style("sắt tây", "Tinplate", 1.1, {}, "sắt tây tráng thiếc (tinplate)"),
        ),
        "motifs": (),
        "materials": "tôn (steel sheet)",
        "lead": (3, 10),
        "made": (
            ("Gò, gấp mép và hàn kín bằng tay ở {village}, mép cuộn tròn không sắc.",
             "Hammered, seamed and soldered by hand in {village}, with rolled edges that do not cut."),
            ("Bền, nhẹ, không gỉ trong nhiều năm dùng ngoài trời.",
             "Light, sturdy and rust-resistant for years of outdoor use."),
        ),
    },
    "knitwear": {
        "types": (
            Type("Áo len cổ tròn", "crew-neck sweater", 260_000, "piece", "611030", {"shape": "sweater"}),
            Type("Áo len cổ lọ", "turtleneck sweater", 290_000, "piece", "611030", {"shape": "sweater"}),
            Type("Áo khoác len", "knitted cardigan", 340_000, "piece", "611030", {"shape": "cardigan"}),
            Type("Áo len trẻ em", "children's sweater", 160_000, "piece", "611130", {"shape": "sweater"}),
            Type("Khăn len", "knitted scarf", 120_000, "piece", "611710", {"shape": "scarf"}),
            Type("Mũ len", "beanie", 65_000, "piece", "650500", {"shape": "hat"}),
        ),
        "styles": (
            Style("họa tiết kim cương", "Diamond-pattern", 1.1),
            Style("trơn", "Plain", 1.0),
            Style("vặn thừng", "Cable-knit", 1.2),
            Style("kẻ sọc", "Striped", 1.05),
        ),
        "motifs": (
            Motif("sợi cotton", ", cotton yarn"),
            Motif("sợi len pha", ", wool blend"),
            Motif("sợi acrylic", ", acrylic yarn"),
        ),
        "materials": "sợi len pha, cotton, acrylic (wool blend, cotton, acrylic)",
        "lead": (5, 20),
        "variants": ("knit", KNIT_COLOURS),
        "made": (
            ("Dệt trên máy dệt kim vi tính ở {village}, khâu và hoàn thiện bằng tay.",
             "Knitted on computerised machines in {village}, then linked and finished by hand."),
            ("Giặt tay hoặc giặt máy chế độ nhẹ, phơi phẳng để giữ dáng.",
             "Hand or gentle machine wash; dry flat to keep the shape."),
        ),
    },
    "confectionery": {
        "types": (
            Type("Kẹo lạc", "peanut brittle", 55_000, "pack", "170490", {"shape": "squares", "colour": "#c8944a", "accent": "#f0d9a0"}, _PACK),
            Type("Kẹo vừng", "sesame brittle", 55_000, "pack", "170490", {"shape": "squares", "colour": "#6b4a2e", "accent": "#e8d7b0"}, _PACK),
            Type("Bánh chè lam", "chè lam rice cake", 45_000, "pack", "190590", {"shape": "squares", "colour": "#b98a5a", "accent": "#e9d3a6"}, _PACK),
            Type("Mứt gừng", "candied ginger", 85_000, "pack", "200600", {"shape": "jar", "colour": "#d9a441"}, _PACK),
            Type("Mứt dừa", "candied coconut", 75_000, "pack", "200600", {"shape": "squares", "colour": "#f4efe2", "accent": "#e8b4b8"}, _PACK),
            Type("Bánh quy bơ", "butter cookies", 65_000, "pack", "190531", {"shape": "discs", "colour": "#e2b872"}, _PACK),
        ),
        "styles": (
            Style("mật mía", "Cane-molasses", 1.0),
            Style("truyền thống", "Traditional", 1.0),
            Style("ít ngọt", "Less-sweet", 1.1),
            Style("đặc biệt", "Premium", 1.2),
        ),
        "motifs": (),
        "materials": "lạc, vừng, đường, mật mía, gừng (peanuts, sesame, sugar, cane molasses, ginger)",
        "lead": (2, 7),
        "made": (
            ("Nấu theo mẻ nhỏ ở {village}, không chất bảo quản; dùng tốt nhất trong 3 tháng.",
             "Cooked in small batches in {village} with no preservatives; best within 3 months."),
            ("Đóng hộp kín, hợp làm quà Tết và quà biếu.",
             "Sealed in boxes, a good gift for Tết and visits."),
        ),
    },
    "food-processing": {
        "types": (
            Type("Miến dong", "arrowroot glass noodles", 65_000, "pack", "190219", {"shape": "bundle", "colour": "#cfc3a8"}, _KG),
            Type("Tinh bột dong riềng", "arrowroot starch", 55_000, "pack", "110819", {"shape": "jar", "colour": "#efe9dc"}, _KG),
            Type("Bún khô", "dried rice vermicelli", 35_000, "pack", "190230", {"shape": "bundle", "colour": "#f0ece2"}, _KG),
            Type("Bánh đa nem", "rice paper for spring rolls", 30_000, "pack", "190590", {"shape": "discs", "colour": "#efe6d2"}, _KG),
            Type("Mạch nha", "malt syrup", 70_000, "pack", "170290", {"shape": "jar", "colour": "#c98a2e"}, _KG),
            Type("Phở khô", "dried phở noodles", 40_000, "pack", "190230", {"shape": "bundle", "colour": "#f2eee4"}, _KG),
        ),
        "styles": (
            Style("thủ công", "Handmade", 1.1),
            Style("không chất tẩy trắng", "Unbleached", 1.05),
            Style("loại đặc biệt", "Premium", 1.25),
        ),
        "motifs": (),
        "materials": "nông sản Việt Nam: củ dong riềng, gạo (Vietnamese produce: arrowroot, rice)",
        "lead": (3, 10),
        "made": (
            ("Làm từ nông sản thu mua quanh {village}, phơi sấy và đóng gói tại xưởng.",
             "Made from produce bought around {village}, dried and packed in the workshop."),
            ("Sợi dai, không nát khi nấu; bảo quản nơi khô ráo.",
             "Holds together when cooked; keep in a dry place."),
        ),
    },
    "furniture": {
        "types": (
            Type("Bàn trà", "tea table", 3_800_000, "piece", "940360", {"shape": "table"}),
            Type("Bộ bàn ăn 6 ghế", "dining set with 6 chairs", 14_500_000, "set", "940360", {"shape": "table"}),
            Type("Ghế đẩu", "stool", 450_000, "piece", "940169", {"shape": "stool"}),
            Type("Tủ quần áo 2 cánh", "two-door wardrobe", 9_800_000, "piece", "940350", {"shape": "cabinet"}),
            Type("Kệ sách", "bookshelf", 2_900_000, "piece", "940360", {"shape": "shelf"}),
            Type("Ghế băng", "bench", 2_200_000, "piece", "940169", {"shape": "table"}),
            Type("Tủ giày", "shoe cabinet", 2_400_000, "piece", "940360", {"shape": "cabinet"}),
            Type("Bàn làm việc", "desk", 3_200_000, "piece", "940330", {"shape": "table"}),
        ),
        "styles": (
            Style("gỗ sồi", "Oak", 1.0, {"wood": "oak"}, "gỗ sồi tự nhiên (solid oak)"),
            Style("gỗ óc chó", "Walnut", 1.6, {"wood": "walnut"}, "gỗ óc chó tự nhiên (solid walnut)"),
            Style("gỗ thông", "Pine", 0.7, {"wood": "pine"}, "gỗ thông (pine)"),
            Style("gỗ lim", "Ironwood", 1.8, {"wood": "ironwood"}, "gỗ lim (ironwood)"),
            Style("gỗ tếch", "Teak", 1.4, {"wood": "teak"}, "gỗ tếch (teak)"),
        ),
        "motifs": (
            Motif("mộc tự nhiên", ", natural finish"),
            Motif("sơn PU mờ", ", satin lacquer finish"),
            Motif("chạm hoa mai", ", carved apricot blossoms", {"motif": "blossom"}),
            Motif("kiểu Đông Dương", ", Indochine style"),
            Motif("kiểu Bắc Âu", ", Scandinavian style"),
        ),
        "materials": "gỗ tự nhiên (solid wood)",
        "lead": (20, 45),
        "made": (
            ("Đồ gỗ nội thất đóng ở {village}, mộng gỗ chắc, gỗ đã sấy nên không cong vênh.",
             "Solid-wood furniture built in {village}, with firm joints and kiln-dried wood that will not warp."),
            ("Nhận đóng theo kích thước riêng; giao và lắp đặt trong nội thành Hà Nội.",
             "Made to measure on request; delivered and assembled within Hanoi."),
        ),
    },
    "flags": {
        "types": (
            Type("Cờ Tổ quốc", "Vietnamese national flag", 35_000, "piece", "630790", {"shape": "flag", "kind": "national"}, _FLAG),
            Type("Cờ Đảng", "Communist Party flag", 35_000, "piece", "630790", {"shape": "flag", "kind": "party"}, _FLAG),
            Type("Cờ ngũ sắc lễ hội", "five-colour festival flag", 90_000, "piece", "630790", {"shape": "flag", "kind": "five-colour"}, _FLAG),
            Type("Dây cờ đuôi nheo 20 m", "20 m pennant bunting", 60_000, "piece", "630790", {"shape": "bunting"}),
            Type("Cờ cầm tay 20 × 30 cm", "20 × 30 cm hand-held flag", 6_000, "piece", "630790", {"shape": "flag", "kind": "national"}),
        ),
        "styles": (
            Style("vải phi bóng", "Satin", 1.0),
            Style("vải kate", "Poly-cotton", 0.9),
            Style("vải dù chống nước", "Weatherproof nylon", 1.3),
        ),
        "motifs": (),
        "materials": "vải phi, vải kate, vải dù (satin, poly-cotton, nylon)",
        "lead": (2, 7),
        "made": (
            ("May và in tại {village}, đúng tỉ lệ và màu chuẩn, đường may viền kép.",
             "Sewn and printed in {village} to the correct proportions and colours, with double-stitched hems."),
            ("Nhận may số lượng lớn cho trường học, cơ quan và lễ hội.",
             "Large orders welcome for schools, offices and festivals."),
        ),
    },
    "garments": {
        "types": (
            Type("Quần áo bảo hộ lao động", "work overalls", 180_000, "set", "621143", {"shape": "garment"}),
            Type("Áo đồng phục công nhân", "workwear shirt", 120_000, "piece", "620530", {"shape": "garment"}),
            Type("Áo sơ mi đồng phục", "uniform shirt", 145_000, "piece", "620520", {"shape": "garment"}),
            Type("Tạp dề", "apron", 55_000, "piece", "621149", {"shape": "garment"}),
        ),
        "styles": (
            Style("vải kaki", "Twill", 1.0),
            Style("vải kate", "Poly-cotton", 0.9),
            Style("vải jean", "Denim", 1.2),
        ),
        "motifs": (
            Motif("xanh tím than", ", navy", {"colour": "#2b3a55"}),
            Motif("xám ghi", ", grey", {"colour": "#7d8084"}),
            Motif("cam phản quang", ", hi-vis orange", {"colour": "#e0702a"}),
            Motif("xanh công nhân", ", workwear blue", {"colour": "#2f5f8f"}),
        ),
        "materials": "vải kaki, kate, jean (twill, poly-cotton, denim)",
        "lead": (7, 20),
        "made": (
            ("May tại xưởng ở {village}, đường may chắc, nhận in thêu logo theo đơn.",
             "Sewn in a workshop in {village} with strong seams; logos printed or embroidered to order."),
        ),
    },
    "agricultural-machinery": {
        "types": (
            Type("Máy tuốt lúa", "rice thresher", 7_800_000, "piece", "843352", {"shape": "machine", "paint": "#2f7d4a"}, _POWER),
            Type("Máy xay xát gạo", "rice huller and polisher", 12_500_000, "piece", "843780", {"shape": "machine", "paint": "#2b5c9b"}, _POWER),
            Type("Máy băm cỏ", "grass chopper", 4_600_000, "piece", "843680", {"shape": "machine", "paint": "#c0392b"}, _POWER),
            Type("Máy thái chuối", "banana-stem slicer", 3_900_000, "piece", "843610", {"shape": "machine", "paint": "#d68910"}, _POWER),
            Type("Máy ép mía", "sugarcane press", 8_900_000, "piece", "843880", {"shape": "machine", "paint": "#1f6f78", "hopper": False}, _POWER),
            Type("Máy nghiền ngô", "corn grinder", 5_200_000, "piece", "843780", {"shape": "machine", "paint": "#7d3c98"}, _POWER),
            Type("Cày tay", "hand plough", 850_000, "piece", "843210", {"shape": "tool"}),
        ),
        "styles": (
            Style("chạy điện", "Electric", 1.0),
            Style("động cơ xăng", "Petrol-engine", 1.2),
            Style("động cơ diesel", "Diesel-engine", 1.35),
        ),
        "motifs": (),
        "materials": "thép, gang, động cơ (steel, cast iron, motor)",
        "lead": (10, 30),
        "made": (
            ("Gò, hàn, tiện và sơn tại xưởng ở {village}; bảo hành 12 tháng, có phụ tùng thay thế.",
             "Pressed, welded, turned and painted in a workshop in {village}; 12-month warranty and spare parts."),
            ("Vận hành đơn giản, dễ sửa chữa tại địa phương.",
             "Simple to run and easy to repair locally."),
        ),
    },
}
