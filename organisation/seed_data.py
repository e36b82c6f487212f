"""Demo organisation of An Hải ward: units, about forty fictional officials, the council, demo accounts.

The people are invented; the units are those the plan names plus Văn phòng HĐND và UBND and
Phòng Kinh tế - Hạ tầng - Đô thị.
"""

DEMO_PASSWORD = "AnHai@2025"

# (code, name, short name, kind, parent code, email)
UNITS = [
    ("vp", "Văn phòng HĐND và UBND", "VP HĐND-UBND", "phong", None, "vanphong@anhai.example.vn"),
    ("vhxh", "Phòng Văn hóa - Xã hội", "Phòng VH-XH", "phong", None, "vhxh@anhai.example.vn"),
    (
        "kthtdt",
        "Phòng Kinh tế - Hạ tầng - Đô thị",
        "Phòng KT-HT-ĐT",
        "phong",
        None,
        "kthtdt@anhai.example.vn",
    ),
    ("ttsnc", "Trung tâm Sự nghiệp công", "TT Sự nghiệp công", "trung_tam", None, "ttsnc@anhai.example.vn"),
    ("ttphcc", "Trung tâm Phục vụ hành chính công", "TT PVHCC", "trung_tam", None, "ttphcc@anhai.example.vn"),
    ("capt", "Công an phường", "Công an phường", "don_vi", None, "congan@anhai.example.vn"),
    ("ttphcc-motcua", "Tổ Tiếp nhận và trả kết quả", "Tổ Một cửa", "to", "ttphcc", ""),
    ("ttsnc-vhtt", "Tổ Văn hóa - Thông tin", "Tổ VH-TT", "to", "ttsnc", ""),
]

# The units' parts of their document symbols (Tờ trình số …/TTr-TTSNC), as the office sets them.
DOCUMENT_CODES = {
    "vp": "VPHĐND",
    "vhxh": "VHXH",
    "kthtdt": "KTHTĐT",
    "ttsnc": "TTSNC",
    "ttphcc": "TTPVHCC",
    "capt": "CAP",
}

# (key, full name, gender, date of birth, position, unit code)
OFFICIALS = [
    ("chutich", "Trần Quốc Bảo", "male", "1975-03-12", "Chủ tịch UBND phường", "vp"),
    ("phochutich", "Nguyễn Thế Đức", "male", "1978-09-02", "Phó Chủ tịch UBND phường", "vp"),
    ("phochutich2", "Phạm Thị Hồng Nhung", "female", "1980-06-21", "Phó Chủ tịch UBND phường", "vp"),
    ("vp-truong", "Lê Văn Thành", "male", "1979-11-05", "Chánh Văn phòng HĐND và UBND", "vp"),
    ("vp-pho", "Đặng Thị Mai Anh", "female", "1986-01-17", "Phó Chánh Văn phòng", "vp"),
    ("vp-cv1", "Võ Minh Tuấn", "male", "1990-04-28", "Chuyên viên", "vp"),
    ("vp-cv2", "Hoàng Thị Thu Trang", "female", "1993-08-09", "Chuyên viên văn thư", "vp"),
    ("vp-cv3", "Bùi Đức Long", "male", "1988-12-30", "Chuyên viên tổng hợp", "vp"),
    ("vhxh-truong", "Ngô Thị Thanh Hương", "female", "1982-02-14", "Trưởng phòng Văn hóa - Xã hội", "vhxh"),
    ("vhxh-pho", "Huỳnh Văn Phúc", "male", "1984-05-03", "Phó Trưởng phòng Văn hóa - Xã hội", "vhxh"),
    ("vhxh-cv1", "Lê Thị Thu Hà", "female", "1991-07-19", "Chuyên viên thi đua - khen thưởng", "vhxh"),
    ("vhxh-cv2", "Trương Công Danh", "male", "1989-10-10", "Chuyên viên văn hóa", "vhxh"),
    ("vhxh-cv3", "Phan Thị Ngọc Ánh", "female", "1995-03-25", "Chuyên viên lao động - xã hội", "vhxh"),
    ("vhxh-cv4", "Đỗ Hữu Nghĩa", "male", "1992-09-08", "Chuyên viên y tế - giáo dục", "vhxh"),
    (
        "kt-truong",
        "Nguyễn Văn Hùng",
        "male",
        "1977-04-16",
        "Trưởng phòng Kinh tế - Hạ tầng - Đô thị",
        "kthtdt",
    ),
    ("kt-pho", "Trần Thị Kim Oanh", "female", "1985-11-22", "Phó Trưởng phòng", "kthtdt"),
    ("kt-cv1", "Lý Quang Vinh", "male", "1990-01-30", "Chuyên viên địa chính", "kthtdt"),
    ("kt-cv2", "Vũ Thị Lan", "female", "1994-06-05", "Chuyên viên kế hoạch - tài chính", "kthtdt"),
    ("kt-cv3", "Dương Minh Khoa", "male", "1987-02-27", "Chuyên viên xây dựng - đô thị", "kthtdt"),
    ("kt-cv4", "Châu Thị Bích Ngọc", "female", "1996-12-12", "Chuyên viên môi trường", "kthtdt"),
    ("snc-giamdoc", "Võ Thị Diệu Linh", "female", "1981-08-18", "Giám đốc Trung tâm Sự nghiệp công", "ttsnc"),
    ("snc-pho", "Tạ Quang Huy", "male", "1986-03-09", "Phó Giám đốc", "ttsnc"),
    ("snc-vc1", "Nguyễn Thị Yến", "female", "1992-10-01", "Viên chức tuyên truyền", "ttsnc-vhtt"),
    ("snc-vc2", "Mai Xuân Trường", "male", "1990-05-14", "Viên chức thông tin", "ttsnc-vhtt"),
    ("snc-vc3", "Lương Thị Hạnh", "female", "1997-07-07", "Viên chức văn hóa - thể thao", "ttsnc"),
    ("snc-vc4", "Hồ Đăng Khánh", "male", "1989-09-29", "Viên chức", "ttsnc"),
    (
        "pvhcc-giamdoc",
        "Phạm Văn Tâm",
        "male",
        "1980-12-03",
        "Giám đốc Trung tâm Phục vụ hành chính công",
        "ttphcc",
    ),
    ("pvhcc-pho", "Nguyễn Thị Thùy Dung", "female", "1987-04-11", "Phó Giám đốc", "ttphcc"),
    (
        "pvhcc-cv1",
        "Trần Ngọc Sơn",
        "male",
        "1991-02-20",
        "Tổ trưởng Tổ Tiếp nhận và trả kết quả",
        "ttphcc-motcua",
    ),
    ("pvhcc-cv2", "Lê Thị Mỹ Duyên", "female", "1995-09-15", "Chuyên viên một cửa", "ttphcc-motcua"),
    ("pvhcc-cv3", "Đinh Công Hậu", "male", "1993-06-26", "Chuyên viên một cửa", "ttphcc-motcua"),
    ("pvhcc-cv4", "Cao Thị Phương Thảo", "female", "1996-11-02", "Chuyên viên số hóa hồ sơ", "ttphcc"),
    ("pvhcc-cv5", "Kiều Văn Lộc", "male", "1988-08-08", "Chuyên viên công nghệ thông tin", "ttphcc"),
    ("ca-truong", "Đoàn Văn Quang", "male", "1976-07-23", "Trưởng Công an phường", "capt"),
    ("ca-pho", "Nguyễn Hữu Thắng", "male", "1983-01-09", "Phó Trưởng Công an phường", "capt"),
    ("ca-cb1", "Hà Thị Thanh Thủy", "female", "1992-03-31", "Cán bộ quản lý cư trú", "capt"),
    ("ca-cb2", "Phùng Văn Đạt", "male", "1994-10-18", "Cán bộ cảnh sát khu vực", "capt"),
    ("ca-cb3", "Lâm Thị Kiều Trinh", "female", "1997-05-24", "Cán bộ định danh điện tử", "capt"),
    ("ca-cb4", "Tô Minh Nhật", "male", "1995-12-06", "Cán bộ tổng hợp", "capt"),
    ("vp-cv4", "Âu Thị Ngân", "female", "1994-02-02", "Chuyên viên kế toán", "vp"),
]

# Unit heads: the first official of each top unit whose key names the head.
UNIT_HEADS = {
    "vp": "vp-truong",
    "vhxh": "vhxh-truong",
    "kthtdt": "kt-truong",
    "ttsnc": "snc-giamdoc",
    "ttphcc": "pvhcc-giamdoc",
    "capt": "ca-truong",
}

COUNCIL = {
    "term": "2025 - 2030",
    "established_by": "Quyết định số 15/QĐ-UBND ngày 01/7/2025 của Chủ tịch UBND phường An Hải",
    "starts_on": "2025-07-01",
    "members": [
        ("chutich", "chair", "Chủ tịch UBND phường"),
        ("phochutich", "vice_chair", "Phó Chủ tịch UBND phường"),
        ("vhxh-truong", "secretary", "Trưởng phòng Văn hóa - Xã hội"),
        ("vp-truong", "member", "Chánh Văn phòng HĐND và UBND"),
        ("kt-truong", "member", "Trưởng phòng Kinh tế - Hạ tầng - Đô thị"),
        ("snc-giamdoc", "member", "Giám đốc Trung tâm Sự nghiệp công"),
        ("pvhcc-giamdoc", "member", "Giám đốc Trung tâm Phục vụ hành chính công"),
        ("ca-truong", "member", "Trưởng Công an phường"),
        ("phochutich2", "member", "Phó Chủ tịch UBND phường"),
    ],
}

# (username, official key, [(role, unit code or None)], what the README says of it)
ACCOUNTS = [
    ("quantri", None, [("admin", None)], "Quản trị hệ thống (tài khoản, vai trò, trang quản trị)"),
    ("vhxh", "vhxh-cv1", [("office", None)], "Phòng Văn hóa - Xã hội: quản lý phong trào, thẩm định hồ sơ"),
    (
        "thutruong",
        "pvhcc-giamdoc",
        [("unit_head", "ttphcc"), ("council_member", None)],
        "Thủ trưởng Trung tâm Phục vụ hành chính công (cũng là thành viên Hội đồng)",
    ),
    (
        "hoidong",
        "ca-truong",
        [("council_member", None), ("unit_head", "capt")],
        "Thành viên Hội đồng TĐKT phường (Trưởng Công an phường)",
    ),
    ("chutich", "chutich", [("chairman", None), ("council_member", None)], "Chủ tịch UBND phường"),
    (
        "phochutich",
        "phochutich",
        [("vice_chairman", None), ("council_member", None)],
        "Phó Chủ tịch UBND phường (ký thay Chủ tịch)",
    ),
    ("tuyentruyen", "snc-vc1", [("publicity", None)], "Tuyên truyền, Trung tâm Sự nghiệp công"),
    (
        "truongphong.vhxh",
        "vhxh-truong",
        [("unit_head", "vhxh"), ("office", None), ("council_member", None)],
        "Trưởng phòng VH-XH (thủ trưởng, Phòng VH-XH, thư ký Hội đồng)",
    ),
    (
        "truongphong.vp",
        "vp-truong",
        [("unit_head", "vp"), ("council_member", None)],
        "Chánh Văn phòng HĐND và UBND",
    ),
    (
        "truongphong.kthtdt",
        "kt-truong",
        [("unit_head", "kthtdt"), ("council_member", None)],
        "Trưởng phòng Kinh tế - Hạ tầng - Đô thị",
    ),
    (
        "giamdoc.ttsnc",
        "snc-giamdoc",
        [("unit_head", "ttsnc"), ("council_member", None)],
        "Giám đốc Trung tâm Sự nghiệp công",
    ),
]
