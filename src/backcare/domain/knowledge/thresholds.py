"""The adaptation thresholds (``adaptation.yaml``): each value with its unit, reason and sources.

Values are typed and range-checked here, and checked against each other (a plan cannot be
simplified at an adherence it would progress at); the loader checks the sources exist.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

Sentence = Annotated[str, Field(min_length=3, max_length=600)]


class _Threshold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    unit: Annotated[str, Field(min_length=1, max_length=100)]
    why: Sentence
    sources: tuple[str, ...] = Field(min_length=1)


class Points(_Threshold):
    """Points on a 0-10 scale."""

    value: float = Field(gt=0, le=10)


class Share(_Threshold):
    """A share between 0 and 1 (of a baseline, or of planned sessions)."""

    value: float = Field(gt=0, lt=1)


class Count(_Threshold):
    """A whole number of readings, reviews, flare-ups or weeks."""

    value: int = Field(ge=1, le=52)


class Days(_Threshold):
    """A whole number of days."""

    value: int = Field(ge=1, le=366)


class PainLevel(_Threshold):
    """A score on the 0-10 pain scale."""

    value: int = Field(ge=1, le=10)


class Thresholds(BaseModel):
    """Every number the adaptation rules decide with; see ``adaptation.yaml`` for each reason."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pain_important_points: Points
    pain_important_share: Share
    worsening_share_floor_points: Points
    peg_important_share: Share
    psfs_important_points: Points
    settled_pain: Points
    min_readings: Count
    trend_days: Days
    trend_min_readings: Count
    trend_min_span_days: Days
    progress_adherence: Share
    simplify_adherence: Share
    refer_after_weeks: Count
    flare_days: Days
    worsening_reviews: Count
    recurrent_flares: Count
    recurrent_flare_days: Days
    high_pain_level: PainLevel
    high_pain_days: Days
    high_pain_window_days: Days

    @model_validator(mode="after")
    def _fit_together(self) -> Thresholds:
        checks = (
            (
                self.simplify_adherence.value < self.progress_adherence.value,
                "simplify_adherence must be below progress_adherence",
            ),
            (
                self.trend_min_span_days.value < self.trend_days.value,
                "trend_min_span_days must be shorter than trend_days",
            ),
            (
                self.high_pain_days.value <= self.high_pain_window_days.value,
                "high_pain_days cannot exceed high_pain_window_days",
            ),
            (
                self.min_readings.value <= 7,
                "min_readings counts check-ins in one week, so at most 7",
            ),
        )
        for holds, message in checks:
            if not holds:
                raise ValueError(message)
        return self

    def values(self) -> dict[str, float | int]:
        """Each threshold's value by name, for the words the rules show people."""
        return {name: getattr(self, name).value for name in type(self).model_fields}

    def sources(self) -> set[str]:
        """Every reference id the thresholds cite."""
        return {ref for name in type(self).model_fields for ref in getattr(self, name).sources}
