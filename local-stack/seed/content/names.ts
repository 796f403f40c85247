/**
 * Fictional Chinese names. The only real names in the demo are the article's public ones (周建军, 王卫东,
 * 王志华, 王秀萍); generated names never repeat them and never repeat each other.
 */
import type { Random } from './random';

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭',
  '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '程', '曹', '袁', '邓', '许', '沈', '彭',
  '吕', '苏', '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '阎', '潘', '杜', '戴', '田', '任', '姜', '范',
  '石', '姚', '谭', '邹', '金', '陆', '郝', '孔', '白', '崔', '康', '毛', '秦', '史', '顾', '侯', '孟', '常',
];

/** Names typical of people born in the 1940s–60s, the area's many elderly residents. */
const OLDER_FEMALE = ['桂兰', '淑珍', '秀英', '玉兰', '凤英', '桂芝', '淑华', '秀兰', '玉珍', '凤琴', '桂荣', '淑英', '素珍', '玉芬', '慧敏', '丽华', '秀云', '桂香', '俊英', '宝珍'];
const OLDER_MALE = ['建国', '国强', '德胜', '宝华', '振江', '长林', '文斌', '志强', '建华', '春生', '福山', '连生', '永利', '树田', '宝林', '庆祥', '金贵', '国良', '铁柱', '广才'];
const YOUNGER = ['晓东', '丽娜', '海燕', '静', '磊', '伟', '鹏', '婷', '雪', '浩', '欣怡', '子涵', '立新', '新宇', '佳琪', '旭', '洋', '蕾', '明', '晨'];

const RESERVED = new Set(['周建军', '王卫东', '王志华', '王秀萍']);

export interface NameGenerator {
  elder(sex?: 'female' | 'male'): string;
  younger(): string;
  /** Marks a hand-picked name as used so the generator never produces it. */
  reserve(name: string): void;
}

export function createNameGenerator(random: Random): NameGenerator {
  const used = new Set(RESERVED);
  const unique = (make: () => string): string => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const name = make();
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
    throw new Error('name pool exhausted');
  };
  return {
    elder(sex) {
      const female = sex ? sex === 'female' : random.chance(0.55);
      return unique(() => random.pick(SURNAMES) + random.pick(female ? OLDER_FEMALE : OLDER_MALE));
    },
    younger() {
      return unique(() => random.pick(SURNAMES) + random.pick(YOUNGER));
    },
    reserve(name) {
      used.add(name);
    },
  };
}

/** A clearly fictional mobile number (the 1380000xxxx range used in examples). */
export function fictionalPhone(serial: number): string {
  return `1380000${String(serial % 10000).padStart(4, '0')}`;
}
