"""Suishin (推進): operations platform for police and prefectural reform programmes."""
