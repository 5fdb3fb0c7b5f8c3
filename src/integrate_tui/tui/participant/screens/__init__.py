"""The participant page's two screens: joining, and the open round."""
