import {
  directive,
  task,
  taskUpdate,
  type Directive,
  type Task,
  type TaskStatus,
  type TaskUpdate,
} from '../../../shared/domain';
import { dateOfDay, localTimeIso, localTimeMs } from './dates';
import type { DemoFacility } from './facilities';
import { deterministicUuidV7 } from './ids';
import { Rng } from './prng';
import { findWard, type DemoWorld } from './units';

/**
 * The demo's directive: an (invented) plan of the city in seven task groups, with tasks
 * assigned to departments and districts, inspection visits that spawn corrective tasks,
 * and a follow-up log. People's names are invented. Every task has a planned history;
 * the generator keeps what happened up to the last demo day (`to`), so statuses and
 * overdue tasks are "as of" that day.
 */

export const DEMO_DIRECTIVE = {
  code: '101/KH-UBND',
  title: 'Kế hoạch triển khai bảy nhóm nhiệm vụ trọng tâm phòng, chống dịch COVID-19 trên địa bàn thành phố Hà Nội trong tình hình mới',
  issuer: 'UBND thành phố Hà Nội',
  issuedDate: '2021-11-03',
  groups: [
    { key: 'N1', title: 'Giám sát, xét nghiệm: chủ động giám sát, xét nghiệm phát hiện sớm F0 tại cộng đồng và khu vực nguy cơ cao; truy vết, khoanh vùng nhanh ổ dịch' },
    { key: 'N2', title: 'Cách ly: quản lý chặt chẽ F1 cách ly tại nhà và tại khu cách ly tập trung; kiểm soát vùng phong tỏa, cách ly y tế' },
    { key: 'N3', title: 'Điều trị, thu dung: vận hành mô hình tháp 3 tầng; bảo đảm giường bệnh, ô xy, nhân lực; quản lý F0 tại nhà qua trạm y tế lưu động' },
    { key: 'N4', title: 'Tiêm chủng: hoàn thành tiêm mũi 2, triển khai mũi nhắc lại; tiêm cho trẻ 12–17 tuổi và chuẩn bị tiêm cho trẻ 5–11 tuổi' },
    { key: 'N5', title: 'Bảo đảm an sinh xã hội: hỗ trợ người dân, người lao động gặp khó khăn; bảo đảm cung ứng hàng hóa thiết yếu' },
    { key: 'N6', title: 'Thông tin, truyền thông: thông tin kịp thời, chính xác; hướng dẫn người dân tự chăm sóc F0 tại nhà; xử lý tin giả' },
    { key: 'N7', title: 'Kiểm tra, giám sát việc thực hiện: thành lập các đoàn kiểm tra liên ngành; báo cáo định kỳ; xử lý nghiêm vi phạm' },
  ],
} as const;

interface Org {
  name: string;
  unit?: string;
  head: string;
  position: string;
}

const ORG = {
  syt: { name: 'Sở Y tế', head: 'Đỗ Minh Khang', position: 'Phó Giám đốc Sở Y tế' },
  cdc: { name: 'Trung tâm Kiểm soát bệnh tật Hà Nội', head: 'Lương Thị Thu Trang', position: 'Giám đốc Trung tâm' },
  ldtbxh: { name: 'Sở Lao động – Thương binh và Xã hội', head: 'Vũ Đức Thịnh', position: 'Giám đốc Sở' },
  ca: { name: 'Công an Thành phố', head: 'Hoàng Văn Sơn', position: 'Phó Giám đốc Công an Thành phố' },
  btl: { name: 'Bộ Tư lệnh Thủ đô Hà Nội', head: 'Trịnh Quang Huy', position: 'Phó Tư lệnh, Tham mưu trưởng' },
  tttt: { name: 'Sở Thông tin và Truyền thông', head: 'Ngô Thị Hải Yến', position: 'Phó Giám đốc Sở' },
  gddt: { name: 'Sở Giáo dục và Đào tạo', head: 'Bùi Văn Lộc', position: 'Phó Giám đốc Sở' },
  ct: { name: 'Sở Công Thương', head: 'Đặng Thị Mai Anh', position: 'Phó Giám đốc Sở' },
  tc: { name: 'Sở Tài chính', head: 'Phan Văn Tùng', position: 'Phó Giám đốc Sở' },
  kcn: { name: 'Ban Quản lý các khu công nghiệp và chế xuất Hà Nội', head: 'Lê Hữu Phước', position: 'Phó Trưởng ban' },
  ldld: { name: 'Liên đoàn Lao động Thành phố', head: 'Tống Thị Thanh Bình', position: 'Phó Chủ tịch' },
  vp: { name: 'Văn phòng UBND Thành phố', head: 'Lã Văn Đạt', position: 'Phó Chánh Văn phòng' },
  hoangMai: { name: 'UBND quận Hoàng Mai', unit: '008', head: 'Nguyễn Văn Thắng', position: 'Chủ tịch UBND quận' },
  dongDa: { name: 'UBND quận Đống Đa', unit: '006', head: 'Trần Thị Lan Hương', position: 'Phó Chủ tịch UBND quận' },
  thanhXuan: { name: 'UBND quận Thanh Xuân', unit: '009', head: 'Phạm Văn Quyết', position: 'Phó Chủ tịch UBND quận' },
  haDong: { name: 'UBND quận Hà Đông', unit: '268', head: 'Lê Minh Tâm', position: 'Phó Chủ tịch UBND quận' },
  namTuLiem: { name: 'UBND quận Nam Từ Liêm', unit: '019', head: 'Tạ Quang Vinh', position: 'Phó Chủ tịch UBND quận' },
  dongAnh: { name: 'UBND huyện Đông Anh', unit: '017', head: 'Nguyễn Đình Khôi', position: 'Chủ tịch UBND huyện' },
  meLinh: { name: 'UBND huyện Mê Linh', unit: '250', head: 'Hà Văn Cường', position: 'Phó Chủ tịch UBND huyện' },
  chuongMy: { name: 'UBND huyện Chương Mỹ', unit: '277', head: 'Đinh Thị Ngọc', position: 'Phó Chủ tịch UBND huyện' },
  doan1: { name: 'Đoàn kiểm tra liên ngành số 1 (Sở Y tế chủ trì)', head: 'Quách Văn Nghĩa', position: 'Trưởng đoàn' },
  doan2: { name: 'Đoàn kiểm tra liên ngành số 2 (Sở Y tế chủ trì)', head: 'Mạc Thị Hồng Nhung', position: 'Trưởng đoàn' },
  doan3: { name: 'Đoàn kiểm tra liên ngành số 3 (Sở Lao động – Thương binh và Xã hội chủ trì)', head: 'Vương Đình Hải', position: 'Trưởng đoàn' },
  doan4: { name: 'Đoàn kiểm tra liên ngành số 4 (Sở Y tế chủ trì)', head: 'Lục Văn Thành', position: 'Trưởng đoàn' },
} satisfies Record<string, Org>;

/** Who writes follow-up entries: the standing office, or the assignee's head (`HEAD`). */
const OFFICE = 'Văn phòng Ban Chỉ đạo Thành phố';
const HEAD = '@head';

type EventKind = 'comment' | 'status' | 'reminder';
/** [local time 'YYYY-MM-DD HH:mm', kind, text, new status (status events), author] */
type PlannedEvent = readonly [string, EventKind, string, TaskStatus?, string?];

type Place = { unit: string } | { ward: [string, string] } | { facility: string } | { point: [number, number] } | null;

interface TaskSpec {
  key: string;
  group: string;
  kind?: 'task' | 'inspection';
  title: string;
  description: string;
  org: Org;
  place?: Place;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  created: string;
  due: string | null;
  parent?: string;
  findings?: string;
  events: readonly PlannedEvent[];
}

const START = 'Bắt đầu triển khai.';
const DONE = 'Đã hoàn thành, gửi báo cáo kết quả về Văn phòng Ban Chỉ đạo.';
const REMIND = 'Đôn đốc: đề nghị đơn vị khẩn trương thực hiện, báo cáo tiến độ trước 17h.';

export const TASK_SPECS: readonly TaskSpec[] = [
  // ---- N1 giám sát, xét nghiệm
  {
    key: 'n1-cho-dau-moi', group: 'N1', org: ORG.syt, priority: 'high', created: '2021-11-27 09:00', due: '2021-12-15',
    title: 'Xét nghiệm sàng lọc định kỳ người lao động tại các chợ đầu mối, siêu thị',
    description: 'Xét nghiệm sàng lọc 7 ngày/lần cho tiểu thương, người lao động tại chợ đầu mối, chợ dân sinh lớn và siêu thị.',
    events: [
      ['2021-11-29 08:30', 'status', START, 'in_progress', HEAD],
      ['2021-12-14 16:00', 'comment', 'Đã lấy 41.200 mẫu tại 18 chợ đầu mối, phát hiện 37 trường hợp dương tính, đã khoanh vùng.', undefined, HEAD],
      ['2021-12-16 10:00', 'status', DONE, 'done', HEAD],
    ],
  },
  {
    key: 'n1-truy-vet', group: 'N1', org: ORG.cdc, priority: 'urgent', created: '2021-11-27 09:30', due: '2021-12-31',
    title: 'Truy vết, khoanh vùng trong 24 giờ các ca mắc mới tại cộng đồng',
    description: 'Điều tra dịch tễ, lập danh sách F1 và khoanh vùng nhỏ nhất có thể trong 24 giờ kể từ khi có kết quả dương tính.',
    events: [
      ['2021-11-28 08:00', 'status', START, 'in_progress', HEAD],
      ['2021-12-20 08:15', 'reminder', 'Đôn đốc: tỷ lệ ca được truy vết trong 24 giờ tuần qua mới đạt 78%, đề nghị bổ sung nhân lực truy vết cho các quận nội thành.', undefined, OFFICE],
      ['2021-12-24 17:30', 'comment', 'Đã huy động thêm 350 sinh viên y và lực lượng tổ COVID cộng đồng hỗ trợ truy vết.', undefined, HEAD],
      ['2022-01-05 09:00', 'status', 'Hoàn thành; tỷ lệ truy vết trong 24 giờ đạt 93%.', 'done', HEAD],
    ],
  },
  {
    key: 'n1-xn-hoang-mai', group: 'N1', org: ORG.hoangMai, place: { unit: '008' }, priority: 'high', created: '2021-12-08 14:00', due: '2021-12-20',
    title: 'Xét nghiệm diện rộng các khu vực nguy cơ cao trên địa bàn quận Hoàng Mai',
    description: 'Tổ chức xét nghiệm toàn bộ người dân tại các khu tập thể, khu nhà trọ có ca mắc trong 14 ngày.',
    events: [
      ['2021-12-09 07:30', 'status', START, 'in_progress', HEAD],
      ['2021-12-19 18:00', 'status', 'Đã xét nghiệm 126.500 người tại 9 phường.', 'done', HEAD],
    ],
  },
  {
    key: 'n1-diem-xn-nhanh', group: 'N1', org: ORG.dongDa, place: { unit: '006' }, priority: 'normal', created: '2021-12-20 10:00', due: '2022-01-10',
    title: 'Thiết lập 30 điểm lấy mẫu xét nghiệm nhanh kháng nguyên tại các phường đông dân',
    description: 'Mỗi phường bố trí ít nhất một điểm lấy mẫu cố định, hoạt động từ 7h đến 20h.',
    events: [
      ['2021-12-22 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-01-08 16:30', 'status', 'Đã thiết lập 31 điểm lấy mẫu.', 'done', HEAD],
    ],
  },
  {
    key: 'n1-omicron', group: 'N1', org: ORG.cdc, priority: 'high', created: '2022-01-05 08:00', due: '2022-04-15',
    title: 'Giải trình tự gen, báo cáo giám sát biến chủng Omicron hằng tuần',
    description: 'Phối hợp Viện Vệ sinh dịch tễ Trung ương giải trình tự gen mẫu ngẫu nhiên, báo cáo thứ Sáu hằng tuần.',
    events: [
      ['2022-01-06 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-03-04 17:00', 'comment', 'Omicron chiếm 96% số mẫu giải trình tự trong tuần.', undefined, HEAD],
      ['2022-04-18 08:30', 'reminder', 'Đôn đốc: chưa nhận được báo cáo tổng kết giám sát biến chủng quý I.', undefined, OFFICE],
    ],
  },
  {
    key: 'n1-kcn', group: 'N1', org: ORG.kcn, place: { facility: 'tyt-kcn-thang-long' }, priority: 'high', created: '2021-12-10 09:00', due: '2022-01-15',
    title: 'Giám sát chủ động, xét nghiệm định kỳ người lao động tại các khu công nghiệp',
    description: 'Doanh nghiệp xét nghiệm ngẫu nhiên 10% người lao động mỗi tuần; báo cáo qua trạm y tế lưu động khu công nghiệp.',
    events: [
      ['2021-12-13 08:00', 'status', START, 'in_progress', HEAD],
      ['2021-12-28 15:00', 'status', 'Tạm dừng: thiếu sinh phẩm xét nghiệm nhanh, đã đề nghị Sở Y tế hỗ trợ.', 'blocked', HEAD],
      ['2022-01-04 09:00', 'status', 'Đã được cấp bổ sung 20.000 test nhanh, tiếp tục triển khai.', 'in_progress', HEAD],
      ['2022-01-20 16:00', 'status', DONE, 'done', HEAD],
    ],
  },
  // ---- N2 cách ly
  {
    key: 'n2-quy-trinh-f1', group: 'N2', org: ORG.syt, priority: 'high', created: '2021-11-25 15:00', due: '2021-12-05',
    title: 'Hướng dẫn thống nhất quy trình cách ly F1 tại nhà',
    description: 'Ban hành hướng dẫn cách ly F1 tại nhà 7 ngày, xét nghiệm ngày thứ 7; điều kiện nhà ở đủ điều kiện cách ly.',
    events: [
      ['2021-11-26 08:00', 'status', START, 'in_progress', HEAD],
      ['2021-12-03 17:00', 'status', 'Đã ban hành hướng dẫn, gửi các quận, huyện, thị xã.', 'done', HEAD],
    ],
  },
  {
    key: 'n2-tuan-thu', group: 'N2', org: ORG.ca, priority: 'normal', created: '2021-12-01 08:00', due: '2022-01-31',
    title: 'Kiểm tra việc tuân thủ cách ly tại nhà; xử lý vi phạm',
    description: 'Công an phường, xã phối hợp tổ COVID cộng đồng kiểm tra đột xuất; xử phạt vi phạm hành chính theo quy định.',
    events: [
      ['2021-12-02 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-01-15 17:00', 'comment', 'Đã kiểm tra 18.400 hộ, xử phạt 212 trường hợp vi phạm.', undefined, HEAD],
      ['2022-02-10 09:00', 'status', DONE, 'done', HEAD],
    ],
  },
  {
    key: 'n2-an-ninh-cltt', group: 'N2', org: ORG.btl, priority: 'normal', created: '2021-11-30 08:00', due: '2022-02-28',
    title: 'Bảo đảm an ninh, trật tự và hậu cần tại các khu cách ly tập trung',
    description: 'Bố trí lực lượng canh gác, vận chuyển người vào khu cách ly, bảo đảm suất ăn.',
    events: [
      ['2021-12-01 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-02-26 10:00', 'status', DONE, 'done', HEAD],
    ],
  },
  {
    key: 'n2-cltt-dong-anh', group: 'N2', org: ORG.dongAnh, place: { unit: '017' }, priority: 'normal', created: '2021-12-02 09:00', due: '2021-12-15',
    title: 'Rà soát, kiện toàn các khu cách ly tập trung của huyện Đông Anh',
    description: 'Rà soát công suất, điều kiện phòng chống lây nhiễm chéo; đề xuất đóng các khu không bảo đảm.',
    events: [
      ['2021-12-03 08:00', 'status', START, 'in_progress', HEAD],
      ['2021-12-13 08:30', 'reminder', REMIND, undefined, OFFICE],
      ['2021-12-18 16:00', 'status', 'Hoàn thành (chậm 3 ngày); đóng 2 khu không bảo đảm điều kiện.', 'done', HEAD],
    ],
  },
  {
    key: 'n2-phong-toa-kim-chung', group: 'N2', org: ORG.dongAnh, place: { ward: ['017', 'Kim Chung'] }, priority: 'urgent', created: '2021-12-06 11:00', due: '2021-12-20',
    title: 'Phong tỏa, cách ly y tế khu nhà trọ công nhân thôn Bầu, xã Kim Chung',
    description: 'Lập chốt kiểm soát, xét nghiệm toàn bộ người trong khu phong tỏa 3 ngày/lần; bảo đảm nhu yếu phẩm.',
    events: [
      ['2021-12-06 12:00', 'status', START, 'in_progress', HEAD],
      ['2021-12-12 17:00', 'comment', 'Xét nghiệm lần 2: 1.680 mẫu, 14 dương tính (đều trong khu phong tỏa).', undefined, HEAD],
      ['2021-12-21 08:00', 'status', 'Dỡ phong tỏa sau 14 ngày, không phát sinh ca mới.', 'done', HEAD],
    ],
  },
  {
    key: 'n2-xac-nhan-cach-ly', group: 'N2', org: ORG.tttt, priority: 'low', created: '2022-01-10 09:00', due: '2022-03-31',
    title: 'Cấp giấy xác nhận hoàn thành cách ly, khỏi bệnh trực tuyến',
    description: 'Tích hợp chức năng cấp giấy xác nhận trên Cổng dịch vụ công Thành phố.',
    events: [
      ['2022-01-12 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-02-21 10:00', 'status', 'Tạm dừng: chờ hướng dẫn mẫu giấy xác nhận của Bộ Y tế.', 'blocked', HEAD],
      ['2022-04-05 08:30', 'reminder', REMIND, undefined, OFFICE],
    ],
  },
  // ---- N3 điều trị, thu dung
  {
    key: 'n3-kich-hoat-tdd6', group: 'N3', org: ORG.haDong, place: { facility: 'tdd-6-kien-hung' }, priority: 'urgent', created: '2021-11-30 08:00', due: '2021-12-05',
    title: 'Kích hoạt Cơ sở thu dung, điều trị COVID-19 số 6 – Kiến Hưng',
    description: 'Hoàn thiện cơ sở vật chất, nhân lực để tiếp nhận người bệnh từ ngày 05/12/2021.',
    events: [
      ['2021-11-30 09:00', 'status', START, 'in_progress', HEAD],
      ['2021-12-05 07:00', 'status', 'Cơ sở đã tiếp nhận những người bệnh đầu tiên.', 'done', HEAD],
    ],
  },
  {
    key: 'n3-giuong-hstc', group: 'N3', org: ORG.syt, place: { facility: 'bv-thanh-nhan' }, priority: 'urgent', created: '2021-12-10 10:00', due: '2021-12-25',
    title: 'Bổ sung 500 giường hồi sức tích cực cho các bệnh viện tầng 3',
    description: 'Bệnh viện Thanh Nhàn, Đức Giang, Hà Đông mỗi bệnh viện bổ sung tối thiểu 150 giường hồi sức.',
    events: [
      ['2021-12-11 08:00', 'status', START, 'in_progress', HEAD],
      ['2021-12-23 08:30', 'reminder', 'Đôn đốc: tỷ lệ sử dụng giường hồi sức tầng 3 đã vượt 90%, đề nghị hoàn thành trước 25/12.', undefined, OFFICE],
      ['2021-12-27 17:00', 'comment', 'Đã bổ sung 430/500 giường; thiếu máy thở, đang chờ điều chuyển.', undefined, HEAD],
      ['2022-01-03 16:00', 'status', 'Đã bổ sung đủ 500 giường.', 'done', HEAD],
    ],
  },
  {
    key: 'n3-oxy', group: 'N3', org: ORG.ct, priority: 'urgent', created: '2022-02-25 09:00', due: '2022-03-15',
    title: 'Bảo đảm cung ứng ô xy y tế cho các cơ sở điều trị COVID-19',
    description: 'Làm việc với các nhà cung cấp, bảo đảm dự trữ ô xy lỏng tối thiểu 7 ngày tại các bệnh viện tầng 2, tầng 3.',
    events: [
      ['2022-02-25 14:00', 'status', START, 'in_progress', HEAD],
      ['2022-03-08 17:00', 'comment', 'Đã ký hợp đồng bổ sung 120 tấn ô xy lỏng; lắp thêm 2 bồn chứa tại Bệnh viện Đức Giang.', undefined, HEAD],
      ['2022-03-14 16:00', 'status', DONE, 'done', HEAD],
    ],
  },
  {
    key: 'n3-tram-luu-dong', group: 'N3', org: ORG.hoangMai, place: { unit: '008' }, priority: 'high', created: '2021-12-12 09:00', due: '2021-12-22',
    title: 'Thành lập trạm y tế lưu động tại các phường có trên 100 F0 điều trị tại nhà',
    description: 'Mỗi trạm có bác sĩ, điều dưỡng, bình ô xy và thuốc thiết yếu; công bố số điện thoại đường dây nóng.',
    events: [
      ['2021-12-13 08:00', 'status', START, 'in_progress', HEAD],
      ['2021-12-21 17:00', 'status', 'Đã thành lập 14 trạm y tế lưu động.', 'done', HEAD],
    ],
  },
  {
    key: 'n3-tui-thuoc', group: 'N3', org: ORG.syt, priority: 'high', created: '2022-02-20 08:00', due: '2022-03-20',
    title: 'Cấp phát túi thuốc điều trị F0 tại nhà (túi thuốc A, B, C)',
    description: 'Bảo đảm 100% F0 điều trị tại nhà được cấp túi thuốc trong 24 giờ sau khi có kết quả dương tính.',
    events: [
      ['2022-02-21 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-03-18 08:30', 'reminder', 'Đôn đốc: còn 6 quận, huyện chưa cấp đủ túi thuốc A cho F0 mới.', undefined, OFFICE],
      ['2022-03-25 16:00', 'status', 'Đã cấp đủ túi thuốc cho các quận, huyện (chậm 5 ngày do thiếu thuốc kháng virus).', 'done', HEAD],
    ],
  },
  {
    key: 'n3-nhan-luc-quang-minh', group: 'N3', org: ORG.meLinh, place: { facility: 'tyt-kcn-quang-minh' }, priority: 'high', created: '2022-02-28 09:00', due: '2022-03-10',
    title: 'Tăng cường nhân lực y tế cho Trạm y tế lưu động KCN Quang Minh',
    description: 'Bổ sung 2 bác sĩ, 4 điều dưỡng từ Trung tâm Y tế huyện và bệnh viện tư nhân trên địa bàn.',
    events: [
      ['2022-03-01 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-03-11 08:30', 'reminder', 'Đôn đốc: nhiệm vụ đã quá hạn, trạm đang theo dõi vượt 95% công suất.', undefined, OFFICE],
      ['2022-03-14 17:00', 'comment', 'Đã bổ sung 1 bác sĩ, 2 điều dưỡng; đang tuyển thêm.', undefined, HEAD],
    ],
  },
  {
    key: 'n3-oxy-hoa-lac', group: 'N3', org: ORG.syt, place: { facility: 'bvdc-2-hoa-lac' }, priority: 'normal', created: '2022-01-20 09:00', due: '2022-02-28',
    title: 'Nâng công suất hệ thống ô xy trung tâm tại Bệnh viện dã chiến số 2 (Hòa Lạc)',
    description: 'Lắp bổ sung đường ô xy đến 110 giường, kiểm định trước khi đưa vào sử dụng.',
    events: [
      ['2022-01-24 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-02-25 15:00', 'status', DONE, 'done', HEAD],
    ],
  },
  // ---- N4 tiêm chủng
  {
    key: 'n4-tre-12-17', group: 'N4', org: ORG.gddt, priority: 'high', created: '2021-11-04 08:00', due: '2021-12-15',
    title: 'Tiêm vắc xin COVID-19 cho trẻ 12–17 tuổi tại các trường THCS, THPT',
    description: 'Phối hợp ngành y tế tổ chức điểm tiêm tại trường; lập danh sách học sinh, lấy ý kiến cha mẹ.',
    events: [
      ['2021-11-06 08:00', 'status', START, 'in_progress', HEAD],
      ['2021-12-10 17:00', 'status', 'Đã tiêm mũi 1 cho 98% học sinh 12–17 tuổi.', 'done', HEAD],
    ],
  },
  {
    key: 'n4-mui2-tren-50', group: 'N4', org: ORG.syt, priority: 'urgent', created: '2021-11-05 08:00', due: '2021-12-20',
    title: 'Rà soát, tiêm đủ mũi 2 cho người từ 50 tuổi trở lên',
    description: 'Lập danh sách người từ 50 tuổi chưa tiêm đủ liều đến từng tổ dân phố; tiêm tại nhà cho người không đi lại được.',
    events: [
      ['2021-11-05 14:00', 'status', START, 'in_progress', HEAD],
      ['2021-12-19 17:00', 'status', 'Tỷ lệ người từ 50 tuổi tiêm đủ 2 mũi đạt 95%.', 'done', HEAD],
    ],
  },
  {
    key: 'n4-mui-nhac-lai', group: 'N4', org: ORG.syt, priority: 'high', created: '2021-12-15 08:00', due: '2022-02-28',
    title: 'Tiêm mũi nhắc lại cho người từ 18 tuổi trở lên',
    description: 'Ưu tiên người cao tuổi, người có bệnh nền, lực lượng tuyến đầu; tổ chức điểm tiêm cả thứ Bảy, Chủ nhật.',
    events: [
      ['2021-12-16 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-02-14 08:30', 'reminder', 'Đôn đốc: tỷ lệ tiêm mũi nhắc lại mới đạt 60%, đề nghị tăng điểm tiêm.', undefined, OFFICE],
      ['2022-03-05 17:00', 'status', 'Hoàn thành kế hoạch đợt 1 (đạt 70% người từ 18 tuổi).', 'done', HEAD],
    ],
  },
  {
    key: 'n4-tiem-luu-dong', group: 'N4', org: ORG.chuongMy, place: { unit: '277' }, priority: 'normal', created: '2021-12-20 09:00', due: '2022-01-31',
    title: 'Tổ chức tiêm lưu động cho người cao tuổi, người không thể đến điểm tiêm',
    description: 'Thành lập các đội tiêm lưu động, tiêm tại nhà cho người nằm liệt giường, người khuyết tật.',
    events: [
      ['2021-12-22 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-02-07 08:30', 'reminder', REMIND, undefined, OFFICE],
      ['2022-02-09 16:00', 'comment', 'Đã tiêm tại nhà cho 1.130/1.520 người; thiếu nhân lực do nhiều cán bộ y tế là F0.', undefined, HEAD],
    ],
  },
  {
    key: 'n4-tre-5-11', group: 'N4', org: ORG.syt, priority: 'high', created: '2022-03-25 09:00', due: '2022-05-15',
    title: 'Chuẩn bị tiêm vắc xin COVID-19 cho trẻ từ 5 đến dưới 12 tuổi',
    description: 'Lập danh sách trẻ, tập huấn cán bộ tiêm chủng, chuẩn bị điểm tiêm tại trường tiểu học.',
    events: [['2022-03-28 08:00', 'status', START, 'in_progress', HEAD]],
  },
  {
    key: 'n4-du-lieu', group: 'N4', org: ORG.tttt, priority: 'normal', created: '2021-11-10 09:00', due: '2022-01-15',
    title: 'Làm sạch, cập nhật dữ liệu tiêm chủng lên Nền tảng quản lý tiêm chủng',
    description: 'Đối soát dữ liệu tiêm chủng với cơ sở dữ liệu dân cư; xử lý trùng lặp, sai sót.',
    events: [
      ['2021-11-11 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-01-14 17:00', 'status', DONE, 'done', HEAD],
    ],
  },
  // ---- N5 an sinh
  {
    key: 'n5-ho-tro-ld', group: 'N5', org: ORG.ldtbxh, priority: 'high', created: '2021-11-08 09:00', due: '2022-01-31',
    title: 'Hỗ trợ người lao động, người sử dụng lao động gặp khó khăn do đại dịch',
    description: 'Thẩm định, chi trả hỗ trợ theo Nghị quyết 68/NQ-CP và Nghị quyết 126/NQ-CP.',
    events: [
      ['2021-11-09 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-01-28 08:30', 'reminder', REMIND, undefined, OFFICE],
      ['2022-02-20 16:00', 'status', 'Đã chi trả cho 98% hồ sơ đủ điều kiện.', 'done', HEAD],
    ],
  },
  {
    key: 'n5-hang-hoa', group: 'N5', org: ORG.ct, priority: 'high', created: '2021-12-01 08:00', due: '2021-12-31',
    title: 'Bảo đảm cung ứng lương thực, thực phẩm cho khu vực phong tỏa, cách ly',
    description: 'Kết nối doanh nghiệp phân phối với các khu phong tỏa; bố trí điểm bán hàng lưu động.',
    events: [
      ['2021-12-01 10:00', 'status', START, 'in_progress', HEAD],
      ['2021-12-30 16:00', 'status', DONE, 'done', HEAD],
    ],
  },
  {
    key: 'n5-suat-an-f0', group: 'N5', org: ORG.thanhXuan, place: { unit: '009' }, priority: 'normal', created: '2022-03-01 09:00', due: '2022-03-31',
    title: 'Hỗ trợ suất ăn cho F0 điều trị tại nhà có hoàn cảnh khó khăn',
    description: 'Phối hợp Mặt trận Tổ quốc quận, các nhà hảo tâm; ưu tiên hộ nghèo, người cao tuổi sống một mình.',
    events: [
      ['2022-03-02 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-04-04 08:30', 'reminder', 'Đôn đốc: nhiệm vụ quá hạn, đề nghị báo cáo số hộ đã được hỗ trợ.', undefined, OFFICE],
    ],
  },
  {
    key: 'n5-kinh-phi', group: 'N5', org: ORG.tc, priority: 'normal', created: '2021-12-05 09:00', due: '2022-01-20',
    title: 'Bố trí kinh phí mua sắm trang thiết bị, vật tư phòng, chống dịch',
    description: 'Thẩm định dự toán mua máy thở, máy tạo ô xy, sinh phẩm xét nghiệm cho các cơ sở điều trị.',
    events: [
      ['2021-12-06 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-01-05 10:00', 'status', 'Tạm dừng: chờ Sở Y tế hoàn thiện danh mục, giá trang thiết bị.', 'blocked', HEAD],
      ['2022-01-18 09:00', 'status', 'Đã nhận đủ hồ sơ, tiếp tục thẩm định.', 'in_progress', HEAD],
      ['2022-02-15 16:00', 'status', DONE, 'done', HEAD],
    ],
  },
  {
    key: 'n5-nha-tro', group: 'N5', org: ORG.ldld, priority: 'normal', created: '2022-01-20 09:00', due: '2022-02-15',
    title: 'Hỗ trợ công nhân tại các khu nhà trọ bị cách ly y tế',
    description: 'Trao quà, nhu yếu phẩm cho công nhân là F0, F1 tại các khu nhà trọ quanh khu công nghiệp.',
    events: [['2022-02-21 08:30', 'reminder', 'Đôn đốc: nhiệm vụ quá hạn nhưng chưa triển khai, đề nghị báo cáo lý do.', undefined, OFFICE]],
  },
  // ---- N6 truyền thông
  {
    key: 'n6-cong-ttdt', group: 'N6', org: ORG.tttt, priority: 'normal', created: '2021-11-05 09:00', due: '2022-04-30',
    title: 'Cập nhật tình hình dịch hằng ngày trên Cổng thông tin điện tử Thành phố',
    description: 'Công bố số ca mắc, cấp độ dịch, địa điểm nguy cơ trước 20h hằng ngày.',
    events: [['2021-11-06 08:00', 'status', START, 'in_progress', HEAD]],
  },
  {
    key: 'n6-cam-nang-f0', group: 'N6', org: ORG.syt, priority: 'high', created: '2021-11-29 09:00', due: '2021-12-10',
    title: 'Phát hành cẩm nang hướng dẫn F0 tự theo dõi sức khỏe tại nhà',
    description: 'Cẩm nang in và bản điện tử; các dấu hiệu cần liên hệ ngay trạm y tế; danh bạ đường dây nóng.',
    events: [
      ['2021-11-30 08:00', 'status', START, 'in_progress', HEAD],
      ['2021-12-08 17:00', 'status', 'Đã phát hành 500.000 bản in và bản điện tử.', 'done', HEAD],
    ],
  },
  {
    key: 'n6-tin-gia', group: 'N6', org: ORG.ca, priority: 'normal', created: '2022-01-10 09:00', due: '2022-03-31',
    title: 'Phát hiện, xử lý thông tin sai sự thật về dịch bệnh trên mạng xã hội',
    description: 'Rà soát, yêu cầu gỡ bỏ, xử lý theo quy định các thông tin sai sự thật về dịch, vắc xin, thuốc điều trị.',
    events: [
      ['2022-01-11 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-03-10 17:00', 'comment', 'Đã xử lý 46 trường hợp đăng tin sai sự thật về thuốc điều trị COVID-19.', undefined, HEAD],
    ],
  },
  {
    key: 'n6-tuyen-truyen-mui3', group: 'N6', org: ORG.namTuLiem, place: { unit: '019' }, priority: 'low', created: '2022-01-05 09:00', due: '2022-02-15',
    title: 'Tuyên truyền tiêm mũi nhắc lại tại các khu dân cư',
    description: 'Phát thanh trên loa truyền thanh cơ sở, tờ rơi tại chung cư, khu đô thị.',
    events: [
      ['2022-01-06 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-01-25 10:00', 'status', 'Hủy: đã gộp vào nhiệm vụ tiêm mũi nhắc lại của Sở Y tế.', 'cancelled', OFFICE],
    ],
  },
  // ---- N7 kiểm tra, giám sát
  {
    key: 'n7-bao-cao-tuan', group: 'N7', org: ORG.vp, priority: 'normal', created: '2021-11-04 09:00', due: '2022-04-29',
    title: 'Tổng hợp báo cáo tuần kết quả thực hiện bảy nhóm nhiệm vụ',
    description: 'Tổng hợp báo cáo của các sở, ngành, quận, huyện; trình Ban Chỉ đạo chiều thứ Sáu hằng tuần.',
    events: [
      ['2021-11-05 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-04-29 18:00', 'comment', 'Còn 4 đơn vị chưa gửi báo cáo tuần.', undefined, HEAD],
    ],
  },
  {
    key: 'n7-kt-tdd1', group: 'N7', kind: 'inspection', org: ORG.doan1, place: { facility: 'tdd-1-phap-van' }, priority: 'high', created: '2021-12-20 08:00', due: '2021-12-22',
    title: 'Kiểm tra công tác thu dung, điều trị tại Cơ sở thu dung, điều trị COVID-19 số 1 – Pháp Vân – Tứ Hiệp',
    description: 'Kiểm tra quy trình tiếp nhận, phân loại người bệnh; nhân lực; hệ thống ô xy dự phòng; hồ sơ bệnh án.',
    findings: 'Khu A sử dụng trên 90% số giường; thiếu 12 điều dưỡng ca đêm. Bình ô xy dự phòng chưa được kiểm định. Sổ theo dõi người bệnh chưa cập nhật hằng ngày.',
    events: [
      ['2021-12-22 08:00', 'status', 'Đoàn bắt đầu làm việc tại cơ sở.', 'in_progress', HEAD],
      ['2021-12-22 17:00', 'status', 'Kết thúc kiểm tra, đã lập biên bản.', 'done', HEAD],
    ],
  },
  {
    key: 'n7-kt-tdd1-khac-phuc', group: 'N7', parent: 'n7-kt-tdd1', org: ORG.syt, place: { facility: 'tdd-1-phap-van' }, priority: 'high', created: '2021-12-23 09:00', due: '2022-01-05',
    title: 'Khắc phục tồn tại sau kiểm tra Cơ sở thu dung số 1: bổ sung điều dưỡng, kiểm định bình ô xy',
    description: 'Điều động điều dưỡng từ các bệnh viện tuyến huyện; kiểm định toàn bộ bình ô xy dự phòng; cập nhật sổ theo dõi.',
    events: [
      ['2021-12-24 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-01-04 16:00', 'status', 'Đã bổ sung 14 điều dưỡng, kiểm định 320 bình ô xy.', 'done', HEAD],
    ],
  },
  {
    key: 'n7-kt-hoang-mai', group: 'N7', kind: 'inspection', org: ORG.doan2, place: { unit: '008' }, priority: 'high', created: '2022-03-08 08:00', due: '2022-03-10',
    title: 'Kiểm tra việc quản lý F0 điều trị tại nhà tại quận Hoàng Mai',
    description: 'Kiểm tra tại 4 phường và 3 trạm y tế lưu động; gọi điện xác minh ngẫu nhiên 100 F0.',
    findings: '18/100 F0 được gọi chưa được trạm y tế liên lạc trong 24 giờ đầu. Túi thuốc C chưa được cấp đủ tại 2 phường. Danh sách F0 giữa phường và quận chưa khớp.',
    events: [
      ['2022-03-10 08:00', 'status', 'Đoàn bắt đầu làm việc.', 'in_progress', HEAD],
      ['2022-03-10 17:30', 'status', 'Kết thúc kiểm tra, đã thông báo kết luận cho UBND quận.', 'done', HEAD],
    ],
  },
  {
    key: 'n7-kt-hoang-mai-khac-phuc', group: 'N7', parent: 'n7-kt-hoang-mai', org: ORG.hoangMai, place: { unit: '008' }, priority: 'urgent', created: '2022-03-11 08:00', due: '2022-03-17',
    title: 'Liên lạc 100% F0 mới trong 24 giờ; cấp bổ sung túi thuốc; thống nhất danh sách F0',
    description: 'Theo kết luận của Đoàn kiểm tra liên ngành số 2.',
    events: [
      ['2022-03-11 10:00', 'status', START, 'in_progress', HEAD],
      ['2022-03-18 08:30', 'reminder', 'Đôn đốc: quá hạn khắc phục, đề nghị báo cáo ngay.', undefined, OFFICE],
      ['2022-03-22 16:00', 'status', 'Đã khắc phục; rà soát lại danh sách 21.340 F0.', 'done', HEAD],
    ],
  },
  {
    key: 'n7-kt-kcn-thang-long', group: 'N7', kind: 'inspection', org: ORG.doan3, place: { point: [105.7885, 21.1225] }, priority: 'normal', created: '2022-01-10 08:00', due: '2022-01-12',
    title: 'Kiểm tra công tác phòng, chống dịch tại KCN Thăng Long',
    description: 'Kiểm tra 6 doanh nghiệp: phân luồng, khai báo y tế, phương án sản xuất an toàn, xử lý khi có F0.',
    findings: '2/6 doanh nghiệp chưa cập nhật phương án xử lý khi có F0. Khu vực ăn ca chưa có vách ngăn. Khai báo y tế của người lao động còn bỏ sót.',
    events: [
      ['2022-01-12 08:00', 'status', 'Đoàn bắt đầu làm việc.', 'in_progress', HEAD],
      ['2022-01-12 16:30', 'status', 'Kết thúc kiểm tra.', 'done', HEAD],
    ],
  },
  {
    key: 'n7-kt-kcn-khac-phuc', group: 'N7', parent: 'n7-kt-kcn-thang-long', org: ORG.kcn, place: { facility: 'tyt-kcn-thang-long' }, priority: 'normal', created: '2022-01-13 09:00', due: '2022-01-31',
    title: 'Khắc phục tồn tại về phân luồng, khai báo y tế tại các doanh nghiệp KCN Thăng Long',
    description: 'Yêu cầu các doanh nghiệp cập nhật phương án, lắp vách ngăn khu ăn ca; kiểm tra lại sau 2 tuần.',
    events: [
      ['2022-01-14 08:00', 'status', START, 'in_progress', HEAD],
      ['2022-01-28 16:00', 'status', DONE, 'done', HEAD],
    ],
  },
  {
    key: 'n7-kt-chuong-my', group: 'N7', kind: 'inspection', org: ORG.doan4, place: { unit: '277' }, priority: 'normal', created: '2022-03-28 08:00', due: '2022-03-30',
    title: 'Kiểm tra tiến độ tiêm mũi nhắc lại tại huyện Chương Mỹ',
    description: 'Kiểm tra tại 5 xã có tỷ lệ tiêm mũi nhắc lại thấp nhất huyện.',
    findings: 'Tỷ lệ tiêm mũi nhắc lại mới đạt 68%, thấp hơn bình quân Thành phố. Chưa tổ chức tiêm ngoài giờ hành chính. Danh sách người chưa tiêm chưa được cập nhật đến thôn.',
    events: [
      ['2022-03-30 08:00', 'status', 'Đoàn bắt đầu làm việc.', 'in_progress', HEAD],
      ['2022-03-30 17:00', 'status', 'Kết thúc kiểm tra.', 'done', HEAD],
    ],
  },
  {
    key: 'n7-kt-chuong-my-khac-phuc', group: 'N7', parent: 'n7-kt-chuong-my', org: ORG.chuongMy, place: { unit: '277' }, priority: 'high', created: '2022-03-31 09:00', due: '2022-04-20',
    title: 'Đẩy nhanh tiêm mũi nhắc lại, bảo đảm trên 90% người từ 18 tuổi trong tháng 4/2022',
    description: 'Tổ chức tiêm cả thứ Bảy, Chủ nhật và buổi tối; cập nhật danh sách người chưa tiêm đến từng thôn.',
    events: [['2022-04-25 08:30', 'reminder', 'Đôn đốc: nhiệm vụ quá hạn, chưa nhận được báo cáo triển khai.', undefined, OFFICE]],
  },
];

function parseLocal(stamp: string): { date: string; hour: number; minute: number } {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})$/.exec(stamp);
  if (!m) throw new Error(`bad local time ${stamp}`);
  return { date: m[1]!, hour: Number(m[2]), minute: Number(m[3]) };
}
const iso = (stamp: string) => {
  const t = parseLocal(stamp);
  return localTimeIso(t.date, t.hour, t.minute);
};
const ms = (stamp: string) => {
  const t = parseLocal(stamp);
  return localTimeMs(t.date, t.hour, t.minute);
};

export interface DemoTasks {
  directives: Directive[];
  tasks: Task[];
  taskUpdates: TaskUpdate[];
}

/**
 * The directive (if issued by `toDay`) and the tasks created on or before `toDay`, with the
 * follow-up entries up to the end of that day; statuses and findings as of then.
 */
export function buildTasks(world: DemoWorld, facilities: DemoFacility[], seed: number, toDay: number): DemoTasks {
  const idRng = Rng.derive(seed, 'ids:task');
  const updRng = Rng.derive(seed, 'ids:task-update');
  const facilityByKey = new Map(facilities.map((f) => [f.key, f.facility]));
  const directiveRow = directive.parse({
    id: deterministicUuidV7(Rng.derive(seed, 'ids:directive'), localTimeMs(DEMO_DIRECTIVE.issuedDate, 10)),
    code: DEMO_DIRECTIVE.code,
    title: DEMO_DIRECTIVE.title,
    issuer: DEMO_DIRECTIVE.issuer,
    issuedDate: DEMO_DIRECTIVE.issuedDate,
    groups: DEMO_DIRECTIVE.groups.map((g) => ({ ...g })),
  });
  const idByKey = new Map<string, string>();
  const tasks: Task[] = [];
  const taskUpdates: TaskUpdate[] = [];
  const endMs = localTimeMs(dateOfDay(toDay), 24);

  for (const spec of TASK_SPECS) {
    // draw ids for every spec so a shorter range keeps the same ids for the rest
    const id = deterministicUuidV7(idRng, ms(spec.created));
    idByKey.set(spec.key, id);
    const updateIds = spec.events.map(([at]) => deterministicUuidV7(updRng, ms(at)));
    if (ms(spec.created) >= endMs) continue;
    if (spec.parent && !tasks.some((t) => t.id === idByKey.get(spec.parent!))) continue;

    let status: TaskStatus = 'open';
    const author = (who: string | undefined) => (!who || who === HEAD ? `${spec.org.head} (${spec.org.name})` : who);
    for (const [i, [at, kind, text, to, who]] of spec.events.entries()) {
      if (ms(at) >= endMs) continue;
      const from = status;
      if (kind === 'status') status = to!;
      taskUpdates.push(
        taskUpdate.parse({
          id: updateIds[i],
          taskId: id,
          kind: kind === 'status' ? 'status_change' : kind,
          text,
          fromStatus: kind === 'status' ? from : null,
          toStatus: kind === 'status' ? to : null,
          author: author(who),
          at: iso(at),
        }),
      );
    }

    const place = spec.place ?? null;
    let placeType: Task['placeType'] = 'none';
    let placeUnitCode: string | null = null;
    let placeFacilityId: string | null = null;
    let placeLon: number | null = null;
    let placeLat: number | null = null;
    if (place && 'unit' in place) {
      placeType = 'unit';
      placeUnitCode = place.unit;
    } else if (place && 'ward' in place) {
      placeType = 'unit';
      placeUnitCode = findWard(world, place.ward[0], place.ward[1]).unit.code;
    } else if (place && 'facility' in place) {
      const f = facilityByKey.get(place.facility);
      if (!f) throw new Error(`task ${spec.key}: unknown facility ${place.facility}`);
      placeType = 'facility';
      placeFacilityId = f.id;
    } else if (place && 'point' in place) {
      placeType = 'point';
      [placeLon, placeLat] = place.point;
    }
    const kind = spec.kind ?? 'task';
    tasks.push(
      task.parse({
        id,
        kind,
        title: spec.title,
        description: spec.description,
        directiveId: directiveRow.id,
        groupKey: spec.group,
        assigneeOrg: spec.org.name,
        assigneeUnitCode: spec.org.unit ?? null,
        headName: spec.org.head,
        headPosition: spec.org.position,
        placeType,
        placeUnitCode,
        placeFacilityId,
        placeLon,
        placeLat,
        priority: spec.priority,
        status,
        dueDate: spec.due,
        parentTaskId: spec.parent ? idByKey.get(spec.parent)! : null,
        findings: kind === 'inspection' && status === 'done' ? (spec.findings ?? '') : '',
        createdAt: iso(spec.created),
      }),
    );
  }
  const issued = localTimeMs(DEMO_DIRECTIVE.issuedDate, 0) < endMs;
  return { directives: issued ? [directiveRow] : [], tasks, taskUpdates };
}

/** Overdue is defined once, for the boards; the demo reuses it. */
export { isOverdue } from '../boards/deadlines';
