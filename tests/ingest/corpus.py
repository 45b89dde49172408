"""Many distinct Arabic articles, generated from a seeded word list (no third-party text)."""

from __future__ import annotations

import json
import random
from pathlib import Path

WORDS = (
    "الحكومة الوزير الرئيس المجلس البرلمان الاقتصاد السوق النفط الغاز الكهرباء المياه الزراعة "
    "المدينة القرية الشارع المدرسة الجامعة المستشفى الطريق الجسر الميناء المطار القطار الحافلة "
    "أعلن قال أكد أضاف أوضح افتتح زار التقى بحث ناقش وقع اتفق رفض طالب دعا حذر قرر بدأ أنهى "
    "اليوم أمس غدا صباح مساء الأسبوع الشهر العام الماضي المقبل الجديد القديم الكبير الصغير "
    "مشروع خطة برنامج مبادرة تقرير دراسة بيان مؤتمر اجتماع لقاء زيارة جولة حملة مسابقة معرض "
    "الرياض جدة مكة الدمام القاهرة بغداد بيروت عمان الرباط تونس الجزائر الدوحة أبوظبي الكويت "
    "ارتفاع انخفاض نمو تراجع استقرار زيادة نقص تحسن تطوير تحديث توسعة إنشاء صيانة تشغيل"
).split()


def article(rng: random.Random, n: int) -> str:
    sentences = []
    for _ in range(5):
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(14)) + ".")
    return f"خبر رقم {n}\n" + "\n".join(sentences) + "\n"


def write_corpus(folder: Path, count: int, *, seed: int = 7) -> list[str]:
    """``count`` distinct articles as .txt files; returns their texts in file order."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    texts = []
    for n in range(count):
        text = article(rng, n)
        (folder / f"a{n:04d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def write_jsonl(path: Path, records: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
