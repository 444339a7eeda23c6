"""A deterministic synthetic Japanese corpus for benchmarks (police and municipal topics)."""

from __future__ import annotations

import random

SUBJECTS = [
    "遺失物",
    "拾得物",
    "交通事故",
    "物損事故",
    "運転免許証",
    "職務質問",
    "110番通報",
    "被害届",
    "自転車盗",
    "特殊詐欺",
    "ストーカー",
    "児童虐待",
    "超過勤務",
    "年次休暇",
    "出張旅費",
    "公用車",
    "庁舎管理",
    "情報セキュリティ",
    "個人情報",
    "住民票",
    "戸籍謄本",
    "粗大ごみ",
    "保育所",
    "国民健康保険",
    "介護保険",
    "道路占用",
    "河川管理",
    "防犯カメラ",
    "雑踏警備",
    "留置管理",
    "証拠品",
    "鑑識",
    "少年補導",
    "風俗営業",
    "銃砲刀剣",
    "古物営業",
]
ACTIONS = [
    "の届出方法",
    "の取扱い",
    "に関する照会",
    "の手続",
    "の保管期間",
    "の記載要領",
    "の報告様式",
    "の受理手続",
    "の根拠規定",
    "の運用上の留意点",
    "に係る決裁",
    "の引継ぎ",
    "の確認方法",
    "の費用",
]
CONTEXTS = [
    "夜間に交番で受理した場合",
    "本部への報告が必要な場合",
    "本人が来署できない場合",
    "外国人が関係する場合",
    "休日に発生した場合",
    "複数の署にまたがる場合",
    "書類に不備があった場合",
    "期限を過ぎた場合",
]
ANSWERS = [
    "所定の様式に必要事項を記載し、所属長の決裁を受けてください。",
    "受理後は速やかに本部の担当課へ報告してください。",
    "関係法令及び通達に基づき、記録を作成して保管します。",
    "当直責任者に連絡のうえ、翌開庁日に担当係へ引き継いでください。",
    "本人確認書類の提示を求め、写しを添付してください。",
    "手数料は不要です。郵送による申請も受け付けています。",
    "詳細は取扱要領の該当条項を確認してください。",
    "電子申請システムから申請することができます。",
]


def document(index: int) -> tuple[str, str]:
    rng = random.Random(index)  # noqa: S311 - benchmark text, not security
    subject = rng.choice(SUBJECTS)
    title = f"{subject}{rng.choice(ACTIONS)}（{rng.choice(CONTEXTS)}）"
    body = (
        "".join(rng.sample(ANSWERS, 3))
        + f"{subject}について不明な点は、担当係に照会してください。整理番号{index}。"
    )
    return title, body


def query(index: int) -> str:
    rng = random.Random(10**9 + index)  # noqa: S311 - benchmark text, not security
    subject = rng.choice(SUBJECTS)
    return rng.choice(
        [
            f"{subject}の手続を知りたい",
            f"{subject} 報告",
            f"{rng.choice(CONTEXTS)}の{subject}",
            f"{subject}{rng.choice(ACTIONS)}",
        ]
    )
