"""The Qt window of reader: views, item models, dialogs. The only package that imports Qt."""
