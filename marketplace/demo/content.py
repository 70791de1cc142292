"""The demo catalogue's data: crafts, villages, marks, producers and product vocabularies.

Village facts come from ``shared/reference/hanoi-craft-villages.md``; producer names, people,
prices and product titles are invented for the demo. Everything is plain data: the loader
(``marketplace.demo.loader``) turns it into rows; product vocabularies live in ``products.py``.
"""
from collections import namedtuple

PASSWORD = "langnghe-demo-2026"
EMAIL_DOMAIN = "demo.langnghe.vn"


def email(local):
    return f"{local}@{EMAIL_DOMAIN}"


# --- crafts -------------------------------------------------------------------------------------

CRAFTS = (
    # (slug, name_vi, name_en)
    ("ceramics", "Gốm sứ", "Ceramics"),
    ("silk", "Dệt lụa", "Silk weaving"),
    ("embroidery", "Thêu", "Embroidery"),
    ("lacquer", "Sơn mài", "Lacquerware"),
    ("rattan-bamboo", "Mây tre đan", "Rattan and bamboo weaving"),
    ("wood-carving", "Mỹ nghệ gỗ, chạm khắc gỗ", "Fine-art wood carving"),
    ("sculpture", "Điêu khắc mỹ nghệ", "Fine-art sculpture"),
    ("silver", "Kim hoàn, chạm bạc", "Silver and gold smithing"),
    ("sheet-metal", "Gò hàn tôn thiếc", "Sheet-metal and tin smithing"),
    ("knitwear", "Dệt kim", "Knitwear"),
    ("food", "Bánh kẹo, chế biến nông sản", "Confectionery and food processing"),
    ("furniture", "Đồ mộc", "Wooden furniture"),
    ("sewing", "May, may cờ", "Flags and sewing"),
    ("agricultural-machinery", "Cơ khí nông cụ", "Agricultural machinery"),
)


# --- villages -----------------------------------------------------------------------------------

Village = namedtuple("Village", "slug name district crafts story_vi story_en")

VILLAGES = (
    Village(
        "bat-trang", "Bát Tràng", "Gia Lâm", ("ceramics",),
        "Bát Tràng (Gia Lâm) là làng gốm sứ dẫn đầu về xuất khẩu trong các làng nghề Hà Nội. "
        "Gốm sứ, cùng mây tre đan và hàng thêu, là những mặt hàng chính trong khoảng 175 triệu USD "
        "hàng làng nghề Hà Nội xuất khẩu mỗi năm. Các xưởng trong làng làm từ bát đĩa dùng hằng ngày "
        "đến bình hoa men lam, men rạn vẽ tay.",
        "Bát Tràng, in Gia Lâm, is the leading exporter among Hanoi's craft villages. Ceramics, with "
        "rattan and bamboo ware and embroidery, lead the roughly 175 million USD a year that the "
        "city's craft villages export. Its workshops make everything from everyday bowls and plates "
        "to hand-painted blue-glaze and crackle-glaze vases.",
    ),
    Village(
        "van-phuc", "Vạn Phúc", "Hà Đông", ("silk",),
        "Vạn Phúc (Hà Đông) là làng dệt lụa nổi tiếng của Hà Nội. Khung dệt trong làng làm ra lụa "
        "tơ tằm trơn và lụa vân dệt hoa, may thành khăn, cà vạt, vải áo dài và vải bán theo mét. "
        "Sản phẩm của hội viên được cấp quyền mang nhãn hiệu tập thể «Lụa Vạn Phúc» kèm mã kiểm tra.",
        "Vạn Phúc, in Hà Đông, is Hanoi's famous silk-weaving village. Its looms make plain mulberry "
        "silk and damask-woven silk, made up into scarves, ties, áo dài fabric and cloth sold by the "
        "metre. Members' products granted the right carry the collective mark «Lụa Vạn Phúc» with a "
        "code anyone can check.",
    ),
    Village(
        "quat-dong", "Quất Động", "Thường Tín", ("embroidery",),
        "Quất Động (Thường Tín) là làng thêu có hàng xuất khẩu tốt. Thợ thêu làm tranh thêu tay, "
        "khăn trải bàn, vỏ gối và khăn tay bằng chỉ tơ tằm và chỉ cotton, từng mũi kim trên khung. "
        "Hàng thêu là một trong ba nhóm hàng dẫn đầu xuất khẩu của làng nghề Hà Nội.",
        "Quất Động, in Thường Tín, is an embroidery village that exports well. Its embroiderers make "
        "hand-stitched pictures, tablecloths, cushion covers and handkerchiefs in silk and cotton "
        "thread, stitch by stitch on the frame. Embroidery is one of the three product groups that "
        "lead Hanoi's craft-village exports.",
    ),
    Village(
        "ha-thai", "Hạ Thái", "Thường Tín", ("lacquer",),
        "Hạ Thái (Thường Tín) là làng sơn mài có hàng xuất khẩu tốt. Mỗi sản phẩm qua nhiều lớp sơn, "
        "mài và đánh bóng; thợ trang trí bằng vỏ trứng, vàng bạc dát và khảm trai trên nền đen hoặc "
        "son đỏ. Làng làm tranh sơn mài, hộp, khay, bình và bát.",
        "Hạ Thái, in Thường Tín, is a lacquerware village that exports well. Each piece takes many "
        "coats of lacquer, each sanded and polished; craftsmen decorate it with crushed eggshell, gold "
        "and silver leaf and mother-of-pearl on black or vermilion. The village makes lacquer "
        "paintings, boxes, trays, vases and bowls.",
    ),
    Village(
        "ninh-so", "Ninh Sở", "Thường Tín", ("rattan-bamboo",),
        "Ninh Sở (Thường Tín) đan mây tre: giỏ, khay, chao đèn, hộp đựng đồ. Mây tre đan là một "
        "trong những mặt hàng dẫn đầu xuất khẩu của làng nghề Hà Nội, nhưng một chủ xưởng ở Ninh Sở "
        "kể rằng xưởng chỉ xuất khẩu cho khách quen: nhiều đối tác mới tìm đến mà ít đơn thành công.",
        "Ninh Sở, in Thường Tín, weaves rattan and bamboo: baskets, trays, lampshades and storage "
        "boxes. Rattan and bamboo ware is one of Hanoi's leading craft exports, yet a workshop owner "
        "in Ninh Sở says: \"we export only to regular customers; many new partners come, but little "
        "comes of it\".",
    ),
    Village(
        "tu-van", "Từ Vân", "Thường Tín", ("sewing",),
        "Từ Vân (Thường Tín) đã may cờ Tổ quốc hơn 70 năm. Các hộ trong làng cắt, may và in cờ đủ "
        "cỡ, từ lá cờ cầm tay đến cờ treo trụ sở, cùng cờ lễ hội và dây cờ trang trí.",
        "Từ Vân, in Thường Tín, has sewn Vietnam's national flag for more than 70 years. Its "
        "households cut, sew and print flags of every size, from hand-held flags to flags for public "
        "buildings, as well as festival flags and bunting.",
    ),
    Village(
        "phung-xa-my-duc", "Phùng Xá", "Mỹ Đức", ("silk",),
        "Phùng Xá (Mỹ Đức) là làng dệt lụa, nơi còn dệt lụa tơ sen: sợi được rút từ cuống sen, se "
        "thành chỉ rồi dệt tay, nên mỗi chiếc khăn tơ sen mất nhiều công. Bên cạnh tơ sen, các hộ "
        "vẫn dệt lụa tơ tằm.",
        "Phùng Xá, in Mỹ Đức, is a silk-weaving village that also weaves lotus-fibre silk: fibres "
        "drawn from lotus stems are twisted into thread and woven by hand, so each lotus scarf takes "
        "many hours of work. Alongside lotus silk, households still weave mulberry silk.",
    ),
    Village(
        "phung-xa-thach-that", "Phùng Xá", "Thạch Thất", ("agricultural-machinery",),
        "Phùng Xá (Thạch Thất) là làng cơ khí nông cụ, doanh thu khoảng 1.200 tỷ đồng mỗi năm. Các "
        "xưởng gò, hàn, tiện làm máy tuốt lúa, máy xay xát, máy băm cỏ và nông cụ cầm tay cho nhà nông.",
        "Phùng Xá, in Thạch Thất, is an agricultural-machinery village with about 1,200 billion VND "
        "of revenue a year. Its workshops press, weld and turn steel into rice threshers, rice mills, "
        "grass choppers and hand tools for farmers.",
    ),
    Village(
        "la-phu", "La Phù", "Hoài Đức", ("food", "knitwear"),
        "La Phù (Hoài Đức) có hai nghề, bánh kẹo và dệt kim, với doanh thu hơn 1.300 tỷ đồng mỗi năm. "
        "Các lò bánh kẹo làm kẹo lạc, kẹo vừng, bánh chè lam; các xưởng dệt kim làm áo len, khăn, mũ "
        "cho mùa đông. Ở Hoài Đức, thu nhập của thợ làng nghề có nơi đạt 50 triệu đồng một năm trở lên.",
        "La Phù, in Hoài Đức, lives from two crafts, confectionery and knitwear, with more than 1,300 "
        "billion VND of revenue a year. Its kitchens make peanut and sesame brittle and chè lam cakes; "
        "its knitting workshops make sweaters, scarves and hats for winter. In Hoài Đức some craft "
        "workers earn 50 million VND a year or more.",
    ),
    Village(
        "son-dong", "Sơn Đồng", "Hoài Đức", ("sculpture",),
        "Sơn Đồng (Hoài Đức) là làng điêu khắc mỹ nghệ, doanh thu hơn 1.000 tỷ đồng mỗi năm. Thợ tạc "
        "tượng gỗ rồi sơn son thếp vàng, chạm hoành phi, câu đối và đồ thờ.",
        "Sơn Đồng, in Hoài Đức, is a fine-art sculpture village with more than 1,000 billion VND of "
        "revenue a year. Its carvers shape wooden statues and finish them in red lacquer and gold leaf, "
        "and carve horizontal boards, parallel sentences and altar pieces.",
    ),
    Village(
        "minh-khai", "Minh Khai", "Hoài Đức", ("food",),
        "Minh Khai (Hoài Đức) chế biến nông sản thực phẩm, doanh thu hơn 1.000 tỷ đồng mỗi năm. Các "
        "hộ làm tinh bột, miến dong, bún khô, bánh đa và mạch nha từ nông sản.",
        "Minh Khai, in Hoài Đức, processes farm produce into food, with more than 1,000 billion VND "
        "of revenue a year. Its households make starch, arrowroot glass noodles, dried vermicelli, "
        "rice paper and malt syrup.",
    ),
    Village(
        "thiet-ung", "Thiết Úng", "Đông Anh", ("wood-carving",),
        "Thiết Úng (Đông Anh) là làng mỹ nghệ gỗ, doanh thu khoảng 1.100 tỷ đồng mỗi năm. Thợ chạm "
        "tượng, tranh gỗ và hộp chạm khắc từ gỗ mít, gỗ hương và các loại đồ gỗ mỹ nghệ khác.",
        "Thiết Úng, in Đông Anh, is a fine-art wood-carving village with about 1,100 billion VND of "
        "revenue a year. Its carvers make statues, carved wooden panels and boxes in jackfruit wood, "
        "rosewood and other woods.",
    ),
    Village(
        "huu-bang", "Hữu Bằng", "Thạch Thất", ("furniture", "sewing"),
        "Hữu Bằng (Thạch Thất) làm đồ mộc và may, doanh thu khoảng 1.000 tỷ đồng mỗi năm. Các xưởng "
        "đồ gỗ nội thất đóng bàn ghế, tủ, kệ; các xưởng may làm quần áo bảo hộ và đồng phục.",
        "Hữu Bằng, in Thạch Thất, makes wooden furniture and garments, with about 1,000 billion VND "
        "of revenue a year. Its furniture workshops build tables, chairs, wardrobes and shelves; its "
        "sewing workshops make workwear and uniforms.",
    ),
    Village(
        "phu-thu", "Phú Thứ", "Nam Từ Liêm", ("sheet-metal",),
        "Phú Thứ (Nam Từ Liêm) làm nghề gò hàn tôn thiếc, nghề mà người làng bảo là «gõ ra tiền». "
        "Từ tấm tôn, thợ gò thành xô, chậu, thùng gạo, bình tưới và khuôn bánh.",
        "Phú Thứ, in Nam Từ Liêm, lives from sheet-metal and tin smithing, a craft villagers say "
        "\"knocks out money\". From flat sheets, smiths hammer buckets, basins, rice bins, watering "
        "cans and cake moulds.",
    ),
    Village(
        "hang-bac", "Phố Hàng Bạc", "Hoàn Kiếm", ("silver",),
        "Phố Hàng Bạc (Hoàn Kiếm) là phố nghề kim hoàn trong phố cổ Hà Nội. Thợ bạc chạm nhẫn, vòng, "
        "dây chuyền và đũa bạc; đình Kim Ngân trên phố có khu trưng bày về nghề kim hoàn.",
        "Hàng Bạc street, in Hoàn Kiếm, is the silversmiths' and goldsmiths' street of Hanoi's Old "
        "Quarter. Its smiths engrave rings, bangles, necklaces and silver chopsticks; the Kim Ngân "
        "communal house on the street holds an exhibition of the craft.",
    ),
)


# --- associations and collective marks ----------------------------------------------------------

Mark = namedtuple("Mark", "slug name_vi name_en association_slug association_name admin_email admin_name villages description_vi description_en")

MARKS = (
    Mark(
        "gom-su-bat-trang", "Gốm sứ Bát Tràng", "Bát Tràng ceramics",
        "hiep-hoi-gom-su-bat-trang", "Hiệp hội Gốm sứ Bát Tràng", email("battrang"), "Lê Văn Thành",
        ("bat-trang",),
        "Nhãn hiệu tập thể cho gốm sứ do hội viên làm tại Bát Tràng (Gia Lâm). Hiệp hội kết nạp hội "
        "viên và cấp quyền mang nhãn cho từng sản phẩm; mỗi sản phẩm có một mã kiểm tra công khai.",
        "The collective mark for ceramics made in Bát Tràng (Gia Lâm) by the association's members. "
        "The association admits members and grants the mark product by product; each product has a "
        "public verification code.",
    ),
    Mark(
        "lua-van-phuc", "Lụa Vạn Phúc", "Vạn Phúc silk",
        "hoi-det-lua-van-phuc", "Hội Dệt lụa Vạn Phúc", email("vanphuc"), "Nguyễn Thị Hạnh",
        ("van-phuc",),
        "Nhãn hiệu tập thể cho lụa dệt tại làng Vạn Phúc (Hà Đông) bởi hội viên của hội.",
        "The collective mark for silk woven in Vạn Phúc (Hà Đông) by the association's members.",
    ),
    Mark(
        "theu-quat-dong", "Thêu Quất Động", "Quất Động embroidery",
        "hoi-theu-quat-dong", "Hội Thêu Quất Động", email("quatdong"), "Phạm Thị Thu",
        ("quat-dong",),
        "Nhãn hiệu tập thể cho hàng thêu tay của các hộ và hợp tác xã hội viên ở Quất Động (Thường Tín).",
        "The collective mark for hand embroidery by member households and cooperatives of Quất Động "
        "(Thường Tín).",
    ),
    Mark(
        "son-mai-ha-thai", "Sơn mài Hạ Thái", "Hạ Thái lacquer",
        "hoi-son-mai-ha-thai", "Hội Sơn mài Hạ Thái", email("hathai"), "Trần Văn Đức",
        ("ha-thai",),
        "Nhãn hiệu tập thể cho sơn mài làm tại Hạ Thái (Thường Tín) bởi hội viên.",
        "The collective mark for lacquerware made in Hạ Thái (Thường Tín) by the association's members.",
    ),
)


# --- people -------------------------------------------------------------------------------------

Person = namedtuple("Person", "email name role")

PEOPLE = (
    Person(email("staff"), "Nhân viên Làng Nghề Market", "staff"),
    Person(email("buyer"), "Trần Minh Anh", "buyer"),
    Person(email("importer"), "Sophie Laurent (Maison Indochine Import)", "importer"),
    Person(email("officer"), "Đỗ Thị Hòa (cán bộ HTX Thêu ren Quất Động)", "producer"),
)

OFFICER_EMAIL = email("officer")
STAFF_EMAIL = email("staff")


# --- producers ----------------------------------------------------------------------------------
# membership: "active", "pending" (an applicant) or "suspended"; None when the village has no mark.
# ocop: (stars, months until the certificate expires; negative = already expired) or None.
# officer: True when the cooperative officer acts for it too.
# catalogue: its product vocabulary in products.py (None: the craft's own).

Producer = namedtuple(
    "Producer",
    "slug name owner kind village craft listings ocop export capacity phone status membership officer catalogue story_vi story_en",
)

PRODUCERS = (
    # Bát Tràng: ceramics
    Producer("gom-minh-chau", "Xưởng gốm Minh Châu", "Nguyễn Văn Châu", "household", "bat-trang", "ceramics", 7,
             (4, 20), False, 1500, "0912 345 101", "approved", "active", False, None,
             "Ba thế hệ nhà ông Châu vẽ men lam bằng tay; mỗi chiếc bình được vẽ riêng, không in decal.",
             "Three generations of Mr Châu's family have painted blue glaze by hand; every vase is painted, never decal-printed."),
    Producer("gom-su-hoang-long", "Công ty Gốm sứ Hoàng Long", "Phạm Thị Hương", "enterprise", "bat-trang", "ceramics", 9,
             (5, 30), True, 20000, "024 3874 1102", "approved", "active", False, None,
             "Công ty làm bộ đồ ăn và quà tặng doanh nghiệp theo đơn, có lò ga và phòng kiểm tra chất lượng.",
             "The company makes tableware and corporate gifts to order, with gas kilns and its own quality control room."),
    Producer("htx-gom-bat-trang-xanh", "HTX Gốm Bát Tràng Xanh", "Lê Thị Mai", "cooperative", "bat-trang", "ceramics", 8,
             (4, 14), True, 8000, "0913 222 103", "approved", "active", False, None,
             "Hợp tác xã của mười hai hộ, chuyên men ngọc và men xanh rêu, cùng mua đất và chung lò nung.",
             "A cooperative of twelve households that specialises in celadon and moss-green glazes, buying clay and sharing kilns together."),
    Producer("lo-gom-phuc-lam", "Lò gốm Phúc Lâm", "Vũ Đình Phúc", "household", "bat-trang", "ceramics", 6,
             None, False, 900, "0988 410 104", "approved", "pending", False, None,
             "Lò nhỏ của gia đình anh Phúc chuyên men rạn và men hỏa biến, mỗi mẻ nung một màu khác.",
             "Mr Phúc's small family kiln specialises in crackle and flambé glazes; every firing comes out a little different."),
    Producer("gom-quang-vinh", "Gốm Quang Vinh", "Đặng Quang Vinh", "household", "bat-trang", "ceramics", 6,
             (3, -3), False, 1200, "0904 555 105", "approved", "active", False, None,
             "Xưởng làm đèn ngủ gốm và chậu cây cho quán cà phê, khách sạn nhỏ.",
             "The workshop makes ceramic lamps and planters for cafés and small hotels."),
    Producer("gom-su-thanh-ha", "Gốm sứ Thanh Hà", "Nguyễn Thị Thanh Hà", "household", "bat-trang", "ceramics", 6,
             None, False, 1000, "0977 310 106", "approved", "active", False, None,
             "Chị Hà làm ấm chén và bộ bàn trà, men nâu và men trắng, nặn tay từng chiếc vòi ấm.",
             "Ms Hà makes teapots and tea sets in brown and white glazes, shaping every spout by hand."),
    # Vạn Phúc: silk
    Producer("det-lua-trieu-gia", "Xưởng dệt lụa Triệu Gia", "Triệu Văn Khoa", "household", "van-phuc", "silk", 7,
             (4, 18), True, 3000, "0912 600 201", "approved", "active", False, None,
             "Gia đình anh Khoa giữ sáu khung dệt cổ, chuyên lụa vân dệt hoa văn truyền thống.",
             "Mr Khoa's family keeps six old looms and specialises in damask silk with traditional patterns."),
    Producer("lua-ha-dong-xua", "Công ty TNHH Lụa Hà Đông Xưa", "Hoàng Thị Lan", "enterprise", "van-phuc", "silk", 8,
             (5, 26), True, 12000, "024 3382 0202", "approved", "active", False, None,
             "Công ty dệt và may khăn, cà vạt, vải áo dài; nhận đơn in logo và đóng hộp quà tặng.",
             "The company weaves and makes up scarves, ties and áo dài fabric, and takes orders for printed logos and gift boxes."),
    Producer("htx-det-lua-van-phuc", "HTX Dệt lụa Vạn Phúc", "Nguyễn Văn Tùng", "cooperative", "van-phuc", "silk", 7,
             (4, 9), True, 9000, "0913 700 203", "approved", "active", False, None,
             "Hợp tác xã gom hàng của hơn hai mươi hộ dệt, cùng nhuộm màu và kiểm tra từng cây vải.",
             "The cooperative gathers the work of more than twenty weaving households, dyeing together and checking every bolt."),
    Producer("lua-nguyet-hang", "Lụa Nguyệt Hằng", "Trần Thị Nguyệt", "household", "van-phuc", "silk", 6,
             None, False, 1200, "0985 120 204", "approved", "suspended", False, None,
             "Chị Nguyệt dệt và bán lụa trơn nhuộm màu, chủ yếu cho thợ may áo dài.",
             "Ms Nguyệt weaves and sells plain dyed silk, mostly to áo dài tailors."),
    Producer("khan-lua-mai-anh", "Khăn lụa Mai Anh", "Bùi Mai Anh", "household", "van-phuc", "silk", 6,
             (3, 11), False, 2000, "0936 880 205", "approved", "active", False, None,
             "Xưởng nhỏ chuyên khăn lụa in hoa và khăn choàng, may viền tay.",
             "A small workshop for printed silk scarves and shawls with hand-rolled hems."),
    # Quất Động: embroidery; the cooperative's officer acts for three households
    Producer("theu-tay-pham-gia", "Thêu tay Phạm Gia", "Phạm Văn Lộc", "household", "quat-dong", "embroidery", 7,
             (4, 16), True, 400, "0912 900 301", "approved", "active", True, None,
             "Gia đình ông Lộc thêu tranh phong cảnh và tranh chùa, mỗi bức từ hai tuần đến hai tháng.",
             "Mr Lộc's family embroiders landscapes and pagoda pictures; each takes from two weeks to two months."),
    Producer("theu-lan-huong", "Thêu Lan Hương", "Nguyễn Thị Lan", "household", "quat-dong", "embroidery", 6,
             None, False, 600, "0979 200 302", "approved", "active", True, None,
             "Chị Lan và bốn thợ thêu làm khăn trải bàn, vỏ gối thêu hoa cho khách trong nước.",
             "Ms Lan and four embroiderers make flower-embroidered tablecloths and cushion covers for buyers at home."),
    Producer("theu-tay-bich-ngoc", "Thêu tay Bích Ngọc", "Lê Bích Ngọc", "household", "quat-dong", "embroidery", 6,
             (3, 7), False, 500, "0906 330 303", "approved", "active", True, None,
             "Xưởng của chị Ngọc thêu khăn tay, túi vải và quà lưu niệm nhỏ.",
             "Ms Ngọc's workshop embroiders handkerchiefs, tote bags and small souvenirs."),
    Producer("htx-theu-ren-quat-dong", "HTX Thêu ren Quất Động", "Đỗ Văn Khải", "cooperative", "quat-dong", "embroidery", 8,
             (4, 22), True, 5000, "024 3376 0304", "approved", "active", False, None,
             "Hợp tác xã nhận đơn xuất khẩu rồi chia cho các hộ thêu, kiểm tra và đóng gói tập trung.",
             "The cooperative takes export orders, shares them among embroidering households, and checks and packs them centrally."),
    # Hạ Thái: lacquer
    Producer("son-mai-duc-thinh", "Xưởng sơn mài Đức Thịnh", "Trần Đức Thịnh", "household", "ha-thai", "lacquer", 7,
             (4, 12), True, 800, "0912 410 401", "approved", "active", False, None,
             "Anh Thịnh vẽ tranh sơn mài khảm trứng và dát vàng, học nghề từ cha.",
             "Mr Thịnh paints eggshell-inlaid and gold-leaf lacquer pictures, a craft he learned from his father."),
    Producer("son-mai-my-nghe-ha-thai", "Công ty Sơn mài Mỹ nghệ Hạ Thái", "Ngô Thị Bình", "enterprise", "ha-thai", "lacquer", 8,
             (4, 28), True, 6000, "024 3376 0402", "approved", "active", False, None,
             "Công ty làm hộp, khay, bình, bát sơn mài theo đơn của cửa hàng quà tặng trong và ngoài nước.",
             "The company makes lacquer boxes, trays, vases and bowls to order for gift shops at home and abroad."),
    Producer("son-mai-thu-trang", "Sơn mài Thu Trang", "Phan Thu Trang", "household", "ha-thai", "lacquer", 6,
             None, False, 500, "0983 560 403", "approved", "active", False, None,
             "Chị Trang làm bát, đĩa và lót cốc sơn mài màu son cho quán ăn, nhà hàng.",
             "Ms Trang makes vermilion lacquer bowls, plates and coasters for restaurants."),
    # Ninh Sở: rattan and bamboo
    Producer("may-tre-hung-thinh", "Mây tre đan Hưng Thịnh", "Nguyễn Hưng Thịnh", "enterprise", "ninh-so", "rattan-bamboo", 8,
             (4, 15), True, 15000, "024 3376 0501", "approved", None, False, None,
             "Xưởng xuất khẩu cho khách quen ở châu Âu và Nhật Bản, muốn tìm thêm nhà nhập khẩu mới.",
             "The workshop exports to regular customers in Europe and Japan and wants to find new importers."),
    Producer("htx-may-tre-dan-ninh-so", "HTX Mây tre đan Ninh Sở", "Vũ Thị Hoa", "cooperative", "ninh-so", "rattan-bamboo", 7,
             (3, 10), True, 10000, "0914 220 502", "approved", None, False, None,
             "Hợp tác xã của các hộ đan giỏ, khay và chao đèn, cùng mua mây nguyên liệu.",
             "A cooperative of households weaving baskets, trays and lampshades, buying raw rattan together."),
    # Từ Vân: flags
    Producer("may-co-hoa-binh", "May cờ Hòa Bình", "Lê Văn Bình", "household", "tu-van", "sewing", 6,
             None, False, 20000, "0912 370 601", "approved", None, False, "flags",
             "Gia đình ông Bình may cờ từ thời bố mẹ, nhận cờ cho trường học, cơ quan và lễ hội.",
             "Mr Bình's family has sewn flags since his parents' time, supplying schools, offices and festivals."),
    # Phùng Xá (Mỹ Đức): lotus-fibre and mulberry silk
    Producer("lua-to-sen-phung-xa", "Lụa tơ sen Phùng Xá", "Nguyễn Thị Sen", "household", "phung-xa-my-duc", "silk", 5,
             (4, 24), True, 60, "0915 610 701", "approved", None, False, "lotus-silk",
             "Chị Sen rút tơ từ cuống sen vào mùa sen rồi dệt tay; mỗi tháng chỉ làm được vài chục chiếc khăn.",
             "Ms Sen draws fibre from lotus stems in the lotus season and weaves it by hand; a month's work is a few dozen scarves."),
    Producer("htx-det-lua-phung-xa", "HTX Dệt lụa Phùng Xá", "Đinh Văn Hậu", "cooperative", "phung-xa-my-duc", "silk", 6,
             (3, 13), False, 4000, "0916 140 702", "approved", None, False, None,
             "Hợp tác xã dệt lụa tơ tằm trơn và in hoa, bán cho cửa hàng ở Hà Nội.",
             "The cooperative weaves plain and printed mulberry silk for shops in Hanoi."),
    # Phùng Xá (Thạch Thất): agricultural machinery
    Producer("co-khi-tien-dat", "Cơ khí nông cụ Tiến Đạt", "Kiều Văn Đạt", "enterprise", "phung-xa-thach-that", "agricultural-machinery", 7,
             None, True, 300, "024 3367 0801", "approved", None, False, None,
             "Xưởng cơ khí làm máy tuốt lúa, máy xay xát và máy băm cỏ, bảo hành và có phụ tùng thay thế.",
             "The workshop makes rice threshers, rice mills and grass choppers, with a warranty and spare parts."),
    # La Phù: confectionery and knitwear
    Producer("banh-keo-huong-que", "Bánh kẹo Hương Quê La Phù", "Nguyễn Thị Hương", "enterprise", "la-phu", "food", 7,
             (4, 19), False, 8000, "024 3366 0901", "approved", None, False, "confectionery",
             "Xưởng làm kẹo lạc, kẹo vừng và bánh chè lam theo công thức gia đình, đóng hộp quà Tết.",
             "The kitchen makes peanut and sesame brittle and chè lam cakes from family recipes, packed in Tết gift boxes."),
    Producer("det-kim-thanh-cong", "Dệt kim La Phù Thành Công", "Trần Văn Công", "enterprise", "la-phu", "knitwear", 8,
             None, True, 20000, "024 3366 0902", "approved", None, False, None,
             "Xưởng dệt kim có máy dệt vi tính, làm áo len, khăn, mũ cho chợ đầu mối và đơn xuất khẩu.",
             "A knitting workshop with computerised machines making sweaters, scarves and hats for wholesale markets and export orders."),
    Producer("keo-lac-ba-tu", "Kẹo lạc Bà Tư", "Nguyễn Thị Tư", "household", "la-phu", "food", 5,
             None, False, 2000, "0987 650 903", "pending", None, False, "confectionery",
             "Bà Tư nấu kẹo lạc mật mía trên bếp củi như ngày xưa, bán ở chợ quê.",
             "Mrs Tư cooks cane-molasses peanut brittle over a wood fire as in the old days, selling at the village market."),
    # Sơn Đồng: sculpture
    Producer("tuong-go-nguyen-gia", "Tượng gỗ Sơn Đồng Nguyễn Gia", "Nguyễn Văn Gia", "household", "son-dong", "sculpture", 6,
             (4, 21), False, 60, "0912 710 1001", "approved", None, False, None,
             "Ông Gia tạc tượng và sơn son thếp vàng theo lối cổ, nhận tượng cho đình chùa và gia đình.",
             "Mr Gia carves statues and gilds them in the old way, for temples, communal houses and families."),
    Producer("dieu-khac-son-dong", "Công ty Điêu khắc Mỹ nghệ Sơn Đồng", "Lê Thị Thoa", "enterprise", "son-dong", "sculpture", 7,
             None, True, 300, "024 3365 1002", "approved", None, False, None,
             "Công ty làm hoành phi, câu đối và tượng cho các công trình, có đội thợ chạm và thợ sơn.",
             "The company makes carved boards, parallel sentences and statues for buildings, with its own carvers and gilders."),
    Producer("xuong-tuong-duc-anh", "Xưởng tượng Đức Anh", "Nguyễn Đức Anh", "household", "son-dong", "sculpture", 5,
             None, False, 40, "0969 330 1003", "pending", None, False, None,
             "Xưởng trẻ của anh Đức Anh làm tượng gỗ nhỏ để bàn, thử nghiệm kiểu dáng mới.",
             "Mr Đức Anh's young workshop makes small desk statues and tries new designs."),
    # Minh Khai: food processing
    Producer("htx-nong-san-minh-khai", "HTX Chế biến nông sản Minh Khai", "Đào Văn Khai", "cooperative", "minh-khai", "food", 7,
             (4, 17), True, 20000, "024 3365 1101", "approved", None, False, "food-processing",
             "Hợp tác xã làm miến dong, bún khô và tinh bột, có xưởng sấy và đóng gói chung.",
             "The cooperative makes arrowroot noodles, dried vermicelli and starch, with a shared drying and packing room."),
    Producer("bun-mien-thu-ha", "Cơ sở bún miến Thu Hà", "Đào Thu Hà", "household", "minh-khai", "food", 5,
             (3, 8), False, 6000, "0978 220 1102", "approved", None, False, "food-processing",
             "Gia đình chị Hà tráng bánh đa và làm bún khô phơi nắng, bán cho đại lý ở Hà Nội.",
             "Ms Hà's family makes rice paper and sun-dried vermicelli, selling to dealers in Hanoi."),
    # Thiết Úng: wood carving
    Producer("my-nghe-go-van-hung", "Mỹ nghệ gỗ Văn Hùng", "Nguyễn Văn Hùng", "household", "thiet-ung", "wood-carving", 7,
             (4, 23), True, 200, "0912 520 1201", "approved", None, False, None,
             "Anh Hùng chạm tranh gỗ và tượng linh vật, nhận chạm theo mẫu của khách.",
             "Mr Hùng carves wooden panels and statues and takes carving to customers' designs."),
    Producer("do-go-my-nghe-dong-anh", "Công ty Đồ gỗ Mỹ nghệ Đông Anh", "Lê Văn Quân", "enterprise", "thiet-ung", "wood-carving", 7,
             None, True, 1500, "024 3883 1202", "approved", None, False, None,
             "Công ty làm đồ gỗ mỹ nghệ xuất khẩu: hộp, tranh và tượng gỗ, sấy gỗ trước khi chạm.",
             "The company makes carved wood for export: boxes, panels and statues, kiln-drying the wood before carving."),
    # Hữu Bằng: furniture and sewing
    Producer("noi-that-go-huu-bang", "Nội thất gỗ Hữu Bằng", "Kiều Văn Bằng", "enterprise", "huu-bang", "furniture", 8,
             None, True, 900, "024 3367 1301", "approved", None, False, None,
             "Xưởng đồ gỗ nội thất làm bàn, ghế, tủ, kệ bằng gỗ tự nhiên, nhận đơn cho khách sạn và căn hộ.",
             "A furniture workshop making tables, chairs, wardrobes and shelves in solid wood for hotels and apartments."),
    Producer("xuong-moc-minh-tam", "Xưởng mộc Minh Tâm", "Nguyễn Minh Tâm", "household", "huu-bang", "furniture", 6,
             None, False, 150, "0915 880 1302", "approved", None, False, None,
             "Xưởng mộc gia đình đóng đồ gỗ theo kích thước nhà khách, giao trong nội thành Hà Nội.",
             "A family joinery that builds furniture to fit each home, delivered within Hanoi."),
    Producer("xuong-may-huu-bang", "Xưởng may Hữu Bằng", "Kiều Thị Nga", "household", "huu-bang", "sewing", 5,
             None, False, 15000, "0916 770 1303", "approved", None, False, "garments",
             "Xưởng may quần áo bảo hộ và đồng phục cho nhà máy, công trường.",
             "The workshop sews workwear and uniforms for factories and building sites."),
    # Phú Thứ: sheet metal
    Producer("ton-thiec-van-loi", "Cơ sở tôn thiếc Văn Lợi", "Nguyễn Văn Lợi", "household", "phu-thu", "sheet-metal", 6,
             None, False, 3000, "0912 150 1401", "approved", None, False, None,
             "Ông Lợi và các con gò xô, chậu, thùng gạo bằng tôn kẽm, bán cho chợ và cửa hàng tạp hóa.",
             "Mr Lợi and his sons hammer buckets, basins and rice bins from galvanised steel for markets and corner shops."),
    # Hàng Bạc: silver
    Producer("tiem-bac-phuc-hung", "Tiệm bạc Phúc Hưng", "Trần Phúc Hưng", "household", "hang-bac", "silver", 7,
             None, False, 400, "024 3826 1501", "approved", None, False, None,
             "Tiệm bạc gia truyền trên phố Hàng Bạc, chạm tay nhẫn, vòng và lắc bạc cho trẻ em.",
             "A family silversmith on Hàng Bạc street, hand-engraving rings, bangles and children's bracelets."),
    Producer("kim-hoan-bao-chau", "Kim hoàn Bảo Châu", "Vũ Bảo Châu", "enterprise", "hang-bac", "silver", 7,
             None, True, 1500, "024 3826 1502", "approved", None, False, None,
             "Doanh nghiệp kim hoàn làm trang sức bạc 925 và quà tặng bằng bạc, có xưởng chế tác riêng.",
             "A jewellery business making sterling silver jewellery and silver gifts in its own workshop."),
)
