"""Finding faces with MTCNN (notebook 10): the three small networks (`networks`) and the cascade that
runs them over an image pyramid (`cascade`)."""
