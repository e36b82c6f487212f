"""The An Hải plan "Phát động phong trào thi đua trong công tác Cải cách hành chính 6 tháng cuối năm 2025",
transcribed from ke-hoach-thi-dua-cchc-2025.md beside this file, word for word (its typos included: it is the
ward's own text). tests/campaigns/test_seed.py checks every sentence of that file against the rendered plan.
"""

SLUG = "cchc-2025-h2"

CAMPAIGN = {
    "doc_type": "KẾ HOẠCH",
    # The source leaves the number and the day blank (it was a draft); the demo fills them as the office
    # would when the plan is signed and entered in the register (tests/campaigns/test_seed.py checks both).
    "number": "125",
    "symbol": "KH-UBND",
    "issuer": "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI",
    "issuer_parent": "",
    "place": "An Hải",
    "issued_day": 15,
    "issued_month": 8,
    "issued_year": 2025,
    "title": (
        "Phát động phong trào thi đua trong công tác Cải cách hành chính 6 tháng cuối năm 2025 "
        "tại Ủy ban nhân dân phường An Hải"
    ),
    "preamble": (
        "Thực hiện Quyết định số 407/QĐ-UBND ngày 31/7/2025 của UBND phường về việc ban hành Kế hoạch cải cách "
        "hành chính nhà nước phường An Hải 6 tháng cuối năm 2025. Ủy ban nhân dân (UBND) phường An Hải ban hành "
        "Kế hoạch phát động phong trào thi đua trong công tác Cải cách hành chính 6 tháng cuối năm 2025 như sau:"
    ),
    "period_start": "2025-07-01",
    "period_end": "2025-12-31",
    "participants": "Các phòng, đơn vị thuộc phường và toàn thể cán bộ, công chức phường.",
    "award_achievement": "công tác Cải cách hành chính 6 tháng cuối năm 2025",
    "city_standard": (
        "Khen thưởng cấp thành phố: Việc xem xét, khen thưởng cấp thành phố cho các tập thể, cá nhân tiêu biểu, "
        "xuất sắc được thực hiện theo quy định của pháp luật về thi đua, khen thưởng."
    ),
    "collective_standard_intro": (
        "Đối với tập thể: Thực hiện nghiêm kỷ luật, kỷ cương hành chính Nhà nước và đạt một trong các tiêu chuẩn sau:"
    ),
    "individual_standard_intro": (
        "Đối với cá nhân: Thực hiện nghiêm kỷ luật, kỷ cương hành chính Nhà nước và đạt một trong các tiêu chuẩn sau:"
    ),
    "quota_text": (
        "Số lượng khen thưởng: Tặng Giấy khen của Chủ tịch UBND phường cho 01 tập thể, 04 cá nhân có thành tích "
        "xuất sắc trong công tác Cải cách hành chính 6 tháng cuối năm 2025."
    ),
    "submission_text": "Hồ sơ đề nghị xét khen thưởng của tập thể, cá nhân gửi về phòng Văn hóa - Xã hội.",
    "funding_text": (
        "Kinh phí khen thưởng thành tích trong thực hiện Phong trào thi đua được thực hiện theo quy định tại Luật "
        "Thi đua, khen thưởng và các văn bản quy định của pháp luật."
    ),
    "closing_text": "UBND phường yêu cầu các phòng, đơn vị trên địa bàn phường nghiêm túc triển khai thực hiện./.",
    "signer_authority": "TM. ỦY BAN NHÂN DÂN",
    "signer_capacity": "KT. CHỦ TỊCH",
    "signer_title": "PHÓ CHỦ TỊCH",
    "signer_name": "Nguyễn Thế Đức",
}

LEGAL_BASES = [
    "Quyết định số 407/QĐ-UBND ngày 31/7/2025 của UBND phường về việc ban hành Kế hoạch cải cách hành chính nhà "
    "nước phường An Hải 6 tháng cuối năm 2025",
]

PURPOSES = [
    "Đề tạo động lực đẩy mạnh cải cách hành chính, thúc đẩy đổi mới sáng tạo, nâng cao Chỉ số cải cách hành chính "
    "phường An Hải, góp phần thực hiện thành công các nhiệm vụ phát triển kinh tế - xã hội của phường.",
    "Nâng cao ý thức, trách nhiệm, đạo đức công vụ của đội ngũ cán bộ, công chức, nhất là người đứng đầu cơ quan "
    "trong công tác cải cách hành chính.",
    "Biểu dương, khen thưởng những tập thể, cá nhân có thành tích xuất sắc, sáng tạo trong công tác cải cách hành "
    "chính; qua đó kịp thời phát hiện, bồi dưỡng, nhân rộng các cách làm hay, hiệu quả, tạo sự lan tỏa trong toàn "
    "phường.",
]

REQUIREMENTS = [
    "Phong trào thi đua phải được triển khai rộng khắp, thường xuyên, phát huy được tinh thần đoàn kết, sức sáng tạo "
    "của các tập thể, cá nhân; các tiêu chí được xây dựng cụ thể, phù hợp, tạo sự đột phá, thực hiện có hiệu quả các "
    "nhiệm vụ trong công tác cải cách hành chính.",
    "Gắn việc tổ chức triển khai thực hiện Phong trào thi đua với việc tham mưu thực hiện nhiệm vụ phát triển kinh "
    "tế - xã hội, Kế hoạch cải cách hành chính phường 6 tháng cuối năm 2025.",
    "Việc bình xét thi đua, khen thưởng phải bảo đảm kịp thời, dân chủ, khách quan, đúng đối tượng, tiêu chuẩn và "
    "thành tích đạt được của tập thể, cá nhân. Khen thưởng gắn với kiểm điểm, đánh giá kết quả Chỉ số cải cách hành "
    "chính hàng năm của phường.",
    "Triển khai thực hiện và hoàn thành các nhiệm vụ trong Kế hoạch cải cách hành chính của UBND thành phố và UBND "
    "phường năm 2025; phấn đấu xếp hạng Chỉ số cải cách hành chính trong top dẫn đầu.",
]

CONTENTS = [
    (
        "2.1",
        "Thi đua thực hiện đổi mới trong công tác tuyên truyền chủ trương của Đảng, chính sách, pháp luật của Nhà "
        "nước, Nghị quyết của Đảng ủy, Kế hoạch của UBND phường về nhiệm vụ cải cách hành chính để nâng cao ý thức, "
        "trách nhiệm, đạo đức công vụ của đội ngũ cán bộ, công chức nhất là người đứng đầu cơ quan trong thực thi công "
        "vụ, góp phần nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
    ),
    (
        "2.2",
        "Thi đua thực hiện tốt các nhiệm vụ được giao tại Quyết định số 407/QĐ-UBND ngày 31/7/2025 của UBND phường về "
        "việc ban hành Kế hoạch cải cách hành chính nhà nước phường An Hải 6 tháng cuối năm 2025. Luôn đảm bảo sự hài "
        "lòng của người dân và doanh nghiệp khi đề nghị giải quyết hồ sơ thủ tục hành chính, nhất là các hồ sơ thủ "
        "tục hành chính về đầu tư, đăng ký kinh doanh... các hồ sơ Thủ tục hành chính của phường luôn được giải quyết "
        "sớm và đúng hạn; nâng cao tỷ lệ người dân và doanh nghiệp tham gia sử dụng dịch vụ công trực tuyến toàn "
        "trình.",
    ),
    (
        "2.3",
        "Thi đua trong việc nghiên cứu, đề xuất các sáng kiến, giải pháp, cách làm mới trong thực hiện nhiệm vụ cải "
        "cách hành chính; đặc biệt là các sáng kiến, giải pháp về ứng dụng công nghệ thông tin vào công tác quản lý, "
        "điều hành giải quyết thủ tục hành chính ở cơ quan nhằm tạo sự chuyển biến có tính đột phá, mang lại hiệu quả "
        "thiết thực, góp phần nâng cao Chỉ số cải cách hành chính của phường.",
    ),
    (
        "2.4",
        "Thi đua hoàn thành góp phần thực hiện vượt mức các chỉ tiêu, nhiệm vụ về: tăng trưởng kinh tế; tăng thu "
        "ngân sách; phát triển hạ tầng kinh tế - xã hội; xây dựng Tổ dân phố văn hóa, đô thị văn minh; giảm nghèo "
        "bền vững; giảm tội phạm và tai nạn giao thông; thực hiện tốt các chính sách an sinh xã hội; phát triển y "
        "tế, giáo dục và đào tạo, khoa học và công nghệ, bảo vệ môi trường; đảm bảo quốc phòng - an ninh và trật tự "
        "an toàn xã hội.",
    ),
    (
        "2.5",
        "Thi đua huy động và sử dụng có hiệu quả các nguồn lực để xây dựng chính quyền điện tử, chuyển đổi số đồng "
        "bộ, toàn diện; thực hiện tốt cải cách hành chính, chuyển đổi số nhằm tạo môi trường thuận lợi thu hút đầu "
        "tư, nâng cao năng lực cạnh tranh, xây dựng hệ thống chính trị trong sạch, vững mạnh.",
    ),
]

# Criteria 1.1–1.6, each with its measurable targets (numerator of denominator, threshold in %).
CRITERIA = [
    (
        "1.1",
        "Đổi mới trong thực hiện giải quyết thủ tục hành chính theo hướng nâng cao chất lượng phục vụ, không theo địa "
        "giới hành chính, tăng cường ứng dụng công nghệ thông tin, giảm thời gian, chi phí xã hội và tạo thuận lợi "
        "cho người dân, doanh nghiệp.",
        [],
    ),
    (
        "1.2",
        "100% thủ tục hành chính của phường được công bố, công khai và cập nhật kịp thời; trong đó tối thiểu 80% hồ "
        "sơ giải quyết thủ tục hành chính được luân chuyển trong nội bộ giữa các cơ quan có thẩm quyền giải quyết "
        "hoặc các cơ quan có liên quan được thực hiện bằng phương thức điện tử. Tỷ lệ giao dịch thanh toán trực "
        "tuyến trên Cổng dịch vụ công đạt từ 60% trở lên.",
        [
            (
                "tthc-cong-khai",
                "Thủ tục hành chính được công bố, công khai và cập nhật kịp thời",
                "Số thủ tục hành chính đã công bố, công khai",
                "Tổng số thủ tục hành chính của phường",
                "all",
                "100",
            ),
            (
                "ho-so-luan-chuyen-dien-tu",
                "Hồ sơ TTHC luân chuyển nội bộ bằng phương thức điện tử",
                "Số hồ sơ luân chuyển bằng phương thức điện tử",
                "Tổng số hồ sơ luân chuyển",
                "gte",
                "80",
            ),
            (
                "thanh-toan-truc-tuyen",
                "Giao dịch thanh toán trực tuyến trên Cổng dịch vụ công",
                "Số giao dịch thanh toán trực tuyến",
                "Tổng số giao dịch thanh toán",
                "gte",
                "60",
            ),
        ],
    ),
    (
        "1.3",
        "100% dịch vụ công trực tuyến của phường được tích hợp, cung cấp trên Cổng dịch vụ công quốc gia; đảm bảo "
        "98% tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn, nâng cao tỷ lệ giải quyết trước hạn.",
        [
            (
                "dvc-tich-hop",
                "Dịch vụ công trực tuyến được tích hợp trên Cổng dịch vụ công quốc gia",
                "Số dịch vụ công trực tuyến đã tích hợp",
                "Tổng số dịch vụ công trực tuyến của phường",
                "all",
                "100",
            ),
            (
                "giai-quyet-dung-han",
                "Hồ sơ thủ tục hành chính giải quyết đúng hạn",
                "Số hồ sơ giải quyết đúng hạn (kể cả trước hạn)",
                "Tổng số hồ sơ đã giải quyết",
                "gte",
                "98",
            ),
        ],
    ),
    (
        "1.4",
        "Hoàn thành số hóa kết quả giải quyết thủ tục hành chính\n"
        "- Rà soát, đề xuất phân cấp việc giải quyết thủ tục hành chính giữa UBND phường đạt mục tiêu phân cấp thủ "
        "tục hành chính theo quy định.\n"
        "- Cập nhật kịp thời và đầy đủ thủ tục hành chính trên cổng thông tin điện tử; công khai kết quả giải quyết "
        "thủ tục hành chính trên cổng dịch vụ công quốc gia.\n"
        "- Hoàn thành số hóa kết quả giải quyết thủ tục hành chính đang còn hiệu lực và có giá trị sử dụng.",
        [
            (
                "so-hoa-ket-qua",
                "Kết quả giải quyết TTHC còn hiệu lực được số hóa",
                "Số kết quả đã số hóa",
                "Tổng số kết quả còn hiệu lực và có giá trị sử dụng",
                "all",
                "100",
            ),
        ],
    ),
    (
        "1.5",
        "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC thuộc đạt 95% trở lên. Phần đầu đạt 60% người "
        "dân, doanh nghiệp khi thực hiện thủ tục hành chính không phải cung cấp lại thông tin, giấy tờ, tài liệu đã "
        "được chấp nhận khi thực hiện thành công thủ tục hành chính trước đó.",
        [
            (
                "muc-do-hai-long",
                "Mức độ hài lòng của người dân, doanh nghiệp",
                "Số ý kiến hài lòng",
                "Tổng số ý kiến được khảo sát",
                "gte",
                "95",
            ),
            (
                "khong-cung-cap-lai",
                "Người dân, doanh nghiệp không phải cung cấp lại giấy tờ",
                "Số lượt không phải cung cấp lại thông tin, giấy tờ",
                "Tổng số lượt thực hiện TTHC",
                "gte",
                "60",
            ),
        ],
    ),
    (
        "1.6",
        "Góp phần xây dựng chính quyền điện tử tiến tới xây dựng chính quyền số, gắn kết chặt chẽ với tiến trình thực "
        "hiện chuyển đổi số toàn diện trên các lĩnh vực kinh tế - xã hội. Đẩy mạnh ứng dụng công nghệ thông tin vào "
        "hoạt động chỉ đạo điều hành, quản lý và xử lý văn bản. Vận hành thông suốt hệ thống điện tử kết nối với cơ "
        "sở dữ liệu quốc gia, liên thông văn bản điện tử từ Trung ương đến thành phố và phường. Vận hành thông suốt "
        "cổng dịch vụ công quốc gia, hệ thống Một cửa điện tử thành phố; tăng tỷ lệ người dân, tổ chức sử dụng dịch vụ "
        "công trực tuyến được cấp định danh và xác thực điện tử thông suốt, hợp nhất trên các hệ thống thông tin của "
        "phường; tăng số lượng hồ sơ và cải thiện chất lượng cung cấp dịch vụ công trực tuyến.",
        [],
    ),
]

AWARD_FORMS = [
    (
        "giay_khen",
        "Các phòng, đơn vị thuộc phường lựa chọn các tập thể, cá nhân tiêu biểu đề xuất Hội đồng thi đua khen thưởng "
        "phường đề nghị Chủ tịch Ủy ban nhân dân phường tặng Giấy khen và đề nghị cấp trên khen thưởng.",
        {"collective": 1, "individual": 4},
    ),
    (
        "bang_khen",
        "UBND phường xem xét lựa chọn các tập thể, cá nhân tiêu biểu, đề nghị Chủ tịch Ủy ban nhân dân thành phố tặng "
        "Bằng khen cho các tập thể, cá nhân tiêu biểu, xuất sắc trong thực hiện Phong trào thi đua.",
        {},
    ),
]

STANDARDS = {
    "collective": [
        "Có thành tích xuất sắc, tiêu biểu trong phong trào thi đua, dẫn đầu các phòng, đơn vị thuộc phường trong "
        "thực hiện các nội dung, nhiệm vụ đẩy mạnh cải cách hành chính của phường.",
        "Có sáng kiến hoặc giải pháp, cách làm mới trong công tác cải cách hành chính, mang tính mới, tính thực tế, "
        "có thể nhân rộng triển khai áp dụng trong thực tiễn quản lý, giải quyết công việc, tạo đột phá trong công "
        "tác cải cách hành chính của phường.",
    ],
    "individual": [
        "Có thành tích xuất sắc, tiêu biểu trong thực hiện tham mưu các nội dung, nhiệm vụ đẩy mạnh cải cách hành "
        "chính, được đơn vị xét chọn, đề xuất.",
        "Có sáng kiến thiết thực được công nhận và áp dụng trong thực tế tại đơn vị góp phần thực hiện có hiệu quả "
        "công tác cải cách hành chính, được đơn vị đánh giá, công nhận.",
        "Cán bộ, công chức trực tiếp tham mưu, chỉ đạo, thực hiện công tác cải cách hành chính tại phường.",
    ],
}

DOSSIER_REQUIREMENTS = [
    ("to_trinh", "Tờ trình kèm theo danh sách tập thể, cá nhân của đơn vị trình khen."),
    (
        "bao_cao_thanh_tich",
        "Báo cáo thành tích của tập thể, cá nhân được đề nghị khen thưởng có xác nhận của thủ trưởng đơn vị trình khen.",
    ),
    ("bien_ban", "Biên bản họp Hội đồng Thi đua Khen thưởng của đơn vị trình khen."),
]

PROGRESS = [
    "Các phòng, đơn vị thuộc phường đánh giá kết quả thực hiện Phong trào thi đua gắn với kết quả chấm điểm Chỉ số "
    "cải cách hành chính của đơn vị mình trong báo cáo tổng kết cuối năm.",
    "Tổ chức tổng kết phong trào thi đua gắn với tổng kết thực hiện Kế hoạch cải cách hành chính của Ủy ban nhân dân "
    "phường.",
]

# (heading, unit code or None, [duties])
RESPONSIBILITIES = [
    (
        "Phòng Văn hóa - Xã hội",
        "vhxh",
        [
            "Tham mưu UBND phường tổ chức triển khai thực hiện; theo dõi, đôn đốc các phòng, đơn vị triển khai thực "
            "hiện Kế hoạch này.",
            "Tổ chức đánh giá, sơ kết, tổng kết và đề nghị xét khen thưởng cho các tập thể, cá nhân đạt thành tích "
            "xuất sắc theo đúng quy định.",
            "Phối hợp với Trung tâm Sự nghiệp công tổ chức tuyên truyền phong trào thi đua trong công tác Cải cách "
            "hành chính tới toàn thể cán bộ, công chức, viên chức và người lao động trên địa bàn phường.",
        ],
    ),
    (
        "Thủ trưởng các phòng, đơn vị thuộc phường",
        None,
        [
            "Căn cứ Kế hoạch này, xây dựng chương trình, kế hoạch cụ thể gắn với việc thực hiện nhiệm vụ công tác 6 "
            "tháng cuối năm 2025 tại cơ quan, đơn vị mình cho phù hợp.",
            "Báo cáo kết quả triển khai, thực hiện kế hoạch này, bình xét các tập thể, cá nhân có thành tích xuất sắc "
            "thực hiện phong trào thi đua trong công tác cải cách hành chính 6 tháng cuối năm 2025 gửi về UBND phường "
            "(qua phòng Văn hóa - Xã hội).",
        ],
    ),
    (
        "Trung tâm Sự nghiệp công:",
        "ttsnc",
        [
            "Phối hợp với Trung tâm Sự nghiệp công tổ chức tuyên truyền phong trào thi đua trong công tác Cải cách "
            "hành chính tới toàn thể cán bộ, công chức, viên chức và người lao động trên địa bàn phường.",
        ],
    ),
]

DISTRIBUTION = [
    "TT Đảng ủy, HĐND phường;",
    "CT, các PCT UBND phường;",
    "Công an phường;",
    "Các phòng, ban, đơn vị liên quan;",
    "TT Phục vụ hành chính công phường;",
    "TT Sự nghiệp công phường;",
    "Lưu: VT, VHXX.",
]
