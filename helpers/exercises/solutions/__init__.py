"""Reference solutions and checks of every notebook's exercises, one module per notebook (nNN.py).

Notebooks 01 to 13 use them through `helpers.exercises.exercises_of("NN")`, which imports them;
instructors and self-learners can read every solution here.
"""
