"""Verified-claim reports: plain dataclasses in, one rendered file per format out."""

from __future__ import annotations
