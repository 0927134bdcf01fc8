"""Hand-written page texts shared by the extract tests (a module name no other test directory uses)."""

from __future__ import annotations

from collections.abc import Callable

from thoisu.model import Article

Extract = Callable[..., list[Article]]

# A typical flat dump of an article page: menu, headline, dateline, lead, byline, captioned photo,
# body, closing source line, a related-news block with timestamps, and a footer.
ARTICLE_PAGE = """Trang chủ
Thời sự
Thế giới
Kinh tế
Thế giới > Châu Á
Hàn Quốc và Nhật Bản nhất trí khôi phục đối thoại an ninh cấp cao
Thứ năm, 16/3/2023, 20:15 (GMT+7)
Lãnh đạo hai nước cam kết khôi phục cơ chế đối thoại an ninh và hợp tác kinh tế sau nhiều năm căng thẳng.
Thanh Bình
Tổng thống Hàn Quốc và Thủ tướng Nhật Bản tại cuộc họp báo chung ở Tokyo. Ảnh: Reuters
Ngày 16/3, Tổng thống Hàn Quốc đã có cuộc hội đàm với Thủ tướng Nhật Bản tại Tokyo trong chuyến \
thăm chính thức kéo dài hai ngày.
Theo hãng tin Kyodo, hai bên nhất trí nối lại các cuộc đối thoại an ninh bị gián đoạn và tăng cường \
hợp tác trong lĩnh vực bán dẫn.
Bộ Ngoại giao Nhật Bản cho biết hai nhà lãnh đạo cũng thảo luận về tình hình bán đảo Triều Tiên và \
các vụ phóng tên lửa gần đây.
Trong khi đó, người phát ngôn Bộ Ngoại giao Trung Quốc cho biết Bắc Kinh theo dõi sát các diễn biến \
trong khu vực.
Đây là chuyến thăm song phương đầu tiên của một tổng thống Hàn Quốc tới Nhật Bản trong hơn mười năm qua.
(theo Yonhap)
Tin liên quan
Triều Tiên phóng tên lửa trước thềm hội nghị thượng đỉnh
10:05 16/03/2023
Giá vàng hôm nay tiếp tục tăng mạnh trên thị trường thế giới
09:40 16/03/2023
Mỹ và Philippines mở rộng tập trận chung ở Biển Đông
08:12 16/03/2023
Chia sẻ
Facebook
Bản quyền thuộc về Báo Điện tử Tin Nhanh. Ghi rõ nguồn khi phát hành lại thông tin từ website này.
"""

# A section page: headlines, timestamps and summaries only.
LISTING_PAGE = """Thế giới
Tin mới nhất
Nga và Ukraine trao đổi tù binh lần thứ năm trong năm
08:15 21/12/2024
Hai bên đã trao đổi hàng trăm tù binh theo thỏa thuận do một nước thứ ba làm trung gian hòa giải.
Liên minh châu Âu thông qua gói trừng phạt mới nhằm vào ngành năng lượng
07:50 21/12/2024
Gói trừng phạt thứ 15 nhằm vào các công ty vận tải dầu và các tổ chức tài chính của nhiều nước.
Thủ tướng Nhật Bản thăm Indonesia, thúc đẩy hợp tác hàng hải
07:12 21/12/2024
Chuyến thăm nhằm tăng cường hợp tác an ninh hàng hải và đầu tư vào cơ sở hạ tầng của Indonesia.
Xem thêm
"""

# Two articles on one page, the second headline repeated by its photo's alt text.
TWO_ARTICLE_PAGE = """Theo dõi Tin Quốc Tế trên
Việt Nam và Lào ký kết nhiều văn kiện hợp tác quan trọng
Ngày 5/9, Thủ tướng Việt Nam và Thủ tướng Lào đã đồng chủ trì kỳ họp Ủy ban liên Chính phủ tại Hà Nội.
Việt Nam và Lào ký kết nhiều văn kiện hợp tác quan trọng - Hình 1
Quang cảnh kỳ họp tại Hà Nội. Ảnh: TTXVN
Hai bên đã ký kết 12 văn kiện hợp tác trong các lĩnh vực giáo dục, năng lượng và giao thông vận tải.
Theo thông báo của hai bên, kỳ họp tiếp theo sẽ được tổ chức tại Viêng Chăn vào năm sau.
Thái Lan và Campuchia nối lại đàm phán biên giới
Theo hãng tin Reuters, ngày 4/9, phái đoàn hai nước đã nhóm họp tại Bangkok sau nhiều tháng gián đoạn.
Thái Lan và Campuchia nối lại đàm phán biên giới - Hình 1
Phái đoàn hai nước tại Bangkok. Ảnh: AFP
Hai bên nhất trí thành lập nhóm công tác chung để giải quyết các vấn đề còn tồn đọng trên thực địa.
Cuộc họp tiếp theo dự kiến diễn ra vào tháng 11 tại Phnom Penh với sự tham gia của các bộ trưởng.
Bạn thấy bài viết này có hữu ích không?
Tin liên quan
"""
