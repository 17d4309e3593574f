"""Generates ctapipe_dl1_sample.h5: a tiny HDF5 file written with PyTables the way ctapipe writes
its DL1 output (reference metadata as attributes of the root node, via node._v_attrs[key] = value).

Run with Debian's python3-tables: /usr/bin/python3 make_ctapipe_dl1.py
"""
import numpy as np
import tables

meta = {
    "CTA REFERENCE VERSION": "1",
    "CTA CONTACT NAME": "Archive Test",
    "CTA CONTACT EMAIL": "archive-test@example.org",
    "CTA CONTACT ORGANIZATION": "CTAO",
    "CTA PRODUCT DESCRIPTION": "ctapipe Data Product",
    "CTA PRODUCT CREATION TIME": "2024-05-06 07:08:09.123",
    "CTA PRODUCT ID": "9b2f5c1e-3d4a-4f6b-8c7d-0e1f2a3b4c5d",
    "CTA PRODUCT DATA CATEGORY": "Sim",
    "CTA PRODUCT DATA LEVELS": "DL1_IMAGES,DL1_PARAMETERS",
    "CTA PRODUCT DATA ASSOCIATION": "Subarray",
    "CTA PRODUCT DATA MODEL NAME": "ctapipe",
    "CTA PRODUCT DATA MODEL VERSION": "v6.0.0",
    "CTA PRODUCT FORMAT": "hdf5",
    "CTA PROCESS TYPE": "Simulation",
    "CTA PROCESS SUBTYPE": "",
    "CTA PROCESS ID": "",
    "CTA ACTIVITY NAME": "ctapipe-process",
    "CTA ACTIVITY TYPE": "software",
    "CTA ACTIVITY ID": "e1d2c3b4-a5f6-4708-9a1b-2c3d4e5f6a7b",
    "CTA ACTIVITY START TIME": "2024-05-06 07:00:00.000",
    "CTA ACTIVITY SOFTWARE NAME": "ctapipe",
    "CTA ACTIVITY SOFTWARE VERSION": "0.23.2",
    "CTA INSTRUMENT SITE": "CTAO-South",
    "CTA INSTRUMENT CLASS": "Subarray",
}

with tables.open_file("ctapipe_dl1_sample.h5", mode="w", title="ctapipe test") as h5:
    for key, value in meta.items():
        h5.root._v_attrs[key] = value
    h5.root._v_attrs["OBS_ID"] = np.int64(4242)
    h5.root._v_attrs["RA_PNT"] = np.float64(83.6331)
    group = h5.create_group("/dl1/event/telescope/parameters", "tel_001", createparents=True)
    h5.create_array(group, "hillas_intensity", np.array([1.5, 2.5]))
