/** Vietnamese (primary). English mirrors these keys exactly (checked by the type of en.ts). */
export const vi = {
  app: { name: 'Sa Bàn', tagline: 'Bảng tình huống phòng chống dịch — Hà Nội' },
  nav: {
    map: 'Bản đồ',
    facilities: 'Cơ sở điều trị',
    tasks: 'Nhiệm vụ',
    data: 'Số liệu',
    scenarios: 'Kịch bản',
    wall: 'Màn hình lớn',
    briefing: 'Báo cáo nhanh',
    settings: 'Cài đặt',
    about: 'Giới thiệu',
  },
  status: {
    freshness: 'Số liệu đến ngày {{date}}',
    noData: 'Chưa có số liệu',
    lastChange: 'Cập nhật lần cuối {{time}}',
    connected: 'Đã kết nối',
    disconnected: 'Mất kết nối — đang thử lại',
    desktop: 'Ứng dụng máy tính',
    web: 'Chế độ web',
    demo: 'DỮ LIỆU MẪU (DEMO)',
  },
  firstRun: {
    title: 'Bắt đầu sử dụng Sa Bàn',
    body: 'Kho dữ liệu đang trống. Bạn có thể nạp dữ liệu mẫu (được đánh dấu DEMO ở mọi màn hình) để làm quen, hoặc bắt đầu với kho trống để nhập số liệu thật.',
    demo: 'Nạp dữ liệu mẫu (DEMO)',
    empty: 'Bắt đầu với kho trống',
    working: 'Đang chuẩn bị dữ liệu…',
  },
  pages: {
    map: {
      title: 'Bản đồ tình huống',
      placeholder:
        'Bản đồ mật độ ca mắc của 30 quận, huyện (và 579 phường, xã khi có ranh giới): ca mới/100.000 dân trong 7 ngày, xu hướng, cấp độ dịch 1–4; cơ sở điều trị tô màu theo mức sử dụng giường, vùng phong tỏa, nhiệm vụ gắn địa điểm; thanh thời gian để xem lại từng ngày.',
    },
    facilities: {
      title: 'Cơ sở điều trị',
      placeholder:
        'Bảng công suất các bệnh viện, cơ sở thu dung và trạm y tế lưu động theo tầng điều trị 1/2/3: giường, hồi sức tích cực, đầu oxy; cảnh báo trước khi cơ sở quá tải.',
    },
    tasks: {
      title: 'Nhiệm vụ',
      placeholder:
        'Nhiệm vụ theo chỉ đạo (ví dụ 101/KH-UBND): đơn vị, người chịu trách nhiệm, hạn xử lý, nhật ký đôn đốc; nhiệm vụ quá hạn luôn nổi bật.',
    },
    data: {
      title: 'Số liệu',
      placeholder: 'Nhập số liệu hằng ngày bằng bàn phím, nhập tệp CSV/XLSX từ quận, huyện (có chạy thử), tải mẫu biểu và xuất dữ liệu.',
      units: 'Đơn vị hành chính',
      districts: '{{count}} quận, huyện',
      wards: '{{count}} phường, xã, thị trấn',
      population: 'Dân số (TĐTDS 2019)',
      wardCount: 'Số phường, xã',
      code: 'Mã',
      name: 'Tên',
    },
    scenarios: {
      title: 'Kịch bản',
      placeholder:
        'Kịch bản "nếu mỗi ngày có 2.000 hoặc 3.000 ca mới": số giường, giường hồi sức và đầu oxy cần cho từng tầng điều trị, và ngày công suất bị vượt; dự báo ca mắc 14 ngày.',
    },
    wall: {
      title: 'Màn hình lớn',
      placeholder: 'Chế độ toàn màn hình cho phòng chỉ huy: các bảng tự xoay vòng, chữ lớn đọc được từ 5 mét, tự cập nhật khi số liệu thay đổi.',
    },
    settings: {
      title: 'Cài đặt',
      placeholder: 'Ngôn ngữ, giao diện, ngưỡng cảnh báo, ngưỡng cấp độ dịch (có đánh dấu giá trị cần rà soát), sao lưu và đồng bộ.',
      language: 'Ngôn ngữ',
      theme: 'Giao diện',
      light: 'Sáng (làm việc)',
      dark: 'Tối (màn hình lớn)',
    },
    about: {
      title: 'Giới thiệu và nguồn dữ liệu',
      body: 'Sa Bàn là bảng tình huống cho trung tâm điều hành phòng chống dịch của thành phố. Ứng dụng hoạt động không cần Internet.',
      sources: 'Nguồn dữ liệu',
      version: 'Phiên bản {{version}}',
    },
  },
  common: { loading: 'Đang tải…', error: 'Lỗi: {{message}}', comingSoon: 'Sẽ có trong các bước tiếp theo' },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof vi>;
