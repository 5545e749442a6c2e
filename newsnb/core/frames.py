"""DataFrame helpers shared by the analysis modules: tables with fixed columns, JSON-ready rows."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["frame", "plain", "records"]


def plain(value: Any) -> Any:
    """JSON-ready value: NaN/NA → None, numpy scalars → Python, tuples → lists."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def records(df: pd.DataFrame) -> list[dict]:
    """DataFrame rows as JSON-ready dicts (None for missing values)."""
    return [{k: plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def frame(rows: list[dict], columns: list[str], dtypes: dict[str, str] | None = None) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` (empty input gives an empty frame, same columns)."""
    dtypes = dtypes or {}
    rows = sorted(rows, key=lambda r: (r["start"], r["end"]))  # stable: ties keep their order
    data = {}
    for col in columns:
        values = [r.get(col) for r in rows]
        dtype = dtypes.get(col)
        if dtype is None:  # object: missing text stays None
            data[col] = pd.Series(values, dtype=object)
        elif dtype == "Int64":
            data[col] = pd.array(values, dtype="Int64")
        else:
            data[col] = np.array(values, dtype=dtype)  # float64: None becomes NaN
    return pd.DataFrame(data, columns=columns)
