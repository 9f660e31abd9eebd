"""The portal's settings file (portalconf.py): plain Python, upper-case names only."""

import json
import os
import runpy
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .errors import PortalError

TIMEZONE = ZoneInfo("Asia/Shanghai")


@dataclass
class Agency:
    slug: str  # folder name of its search bundle in the portal, e.g. fgw
    name: str  # 执法机关 as the agency's own data package names it
    output: Path  # the folder its make build published
    url: str  # where its column is served, e.g. https://fgw.example.gov.cn or /fgw


def read_settings(settings_file):
    """The settings as a dict; relative paths are taken from the settings file's folder."""
    path = Path(settings_file).resolve()
    if not path.is_file():
        raise PortalError(f"找不到平台设置文件 {settings_file}。")
    values = {k: v for k, v in runpy.run_path(str(path)).items() if k.isupper()}
    values["_BASE"] = path.parent
    for key in ("PORTAL_AS_OF", "PORTAL_SITEURL", "PORTAL_AGENCIES_FILE"):
        if os.environ.get(key) is not None:
            values[key] = os.environ[key]
    return values


def resolve_as_of(settings):
    text = str(settings.get("PORTAL_AS_OF") or "")
    if not text:
        return datetime.now(TIMEZONE).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PortalError(f"平台生成日期 PORTAL_AS_OF=“{text}”不是有效日期。应为：YYYY-MM-DD 格式，如 2026-11-20。") from None


def agencies(settings):
    """The configured agencies, in order; every slug and name once."""
    entries = settings.get("PORTAL_AGENCIES") or []
    if settings.get("PORTAL_AGENCIES_FILE"):
        source = Path(settings["_BASE"], settings["PORTAL_AGENCIES_FILE"])
        if not source.is_file():
            raise PortalError(f"找不到机关清单 {source}。示例城市的清单由 make city 生成；本市的清单请在 portalconf.py 的 "
                              "PORTAL_AGENCIES 中列出，或用 PORTAL_AGENCIES_FILE 指定 JSON 文件。")
        try:
            entries = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise PortalError(f"机关清单 {source} 无法读取：{error}。应为 JSON 列表，每项含 slug、name、output、url。") from None
    result, seen = [], set()
    for index, entry in enumerate(entries, 1):
        missing = [k for k in ("slug", "name", "output", "url") if not entry.get(k)]
        if missing:
            raise PortalError(f"机关清单第 {index} 项缺少 {'、'.join(missing)}。每项应含 slug（英文简称）、name（机关名称）、"
                              "output（其发布的网站目录）、url（其专栏的网址，如 https://fgw.example.gov.cn/zfgs 或 /fgw；"
                              "首页和搜索结果链接到这里）。")
        slug = entry["slug"]
        if not slug.replace("-", "").isalnum() or not slug.isascii():
            raise PortalError(f"机关清单第 {index} 项（{entry['name']}）的 slug“{slug}”只能含英文字母、数字和连字符。")
        for key in ("slug", "name"):
            if (key, entry[key]) in seen:
                raise PortalError(f"机关清单中“{entry[key]}”出现了不止一次；每个机关只能列一次。")
            seen.add((key, entry[key]))
        url = str(entry["url"]).rstrip("/")
        result.append(Agency(slug, entry["name"], Path(settings["_BASE"], entry["output"]).resolve(), url))
    if not result:
        raise PortalError("平台设置中没有机关（PORTAL_AGENCIES 为空）。")
    return result
