"""Marsad on Spark: ``marsad spark extract`` turns archives into Parquet facts on a
cluster (or in local mode), and ``marsad load`` brings them into a store.

``tables`` (the Parquet tables and the documents back from them) needs only pyarrow;
``job`` needs pyspark (``pip install 'marsad[spark]'``) and a Java runtime.
"""
