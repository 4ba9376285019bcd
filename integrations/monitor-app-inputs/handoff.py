"""The app's prediction function: the model trained by the serve_and_log step, from the work folder."""
import pair

_model = None


def predict(features):
    global _model
    if _model is None:
        _model = pair.load_model(pair.path("model.pkl"))
    return pair.predict(_model, features)
