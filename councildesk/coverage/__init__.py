"""The product's report on itself: rule -> this council's clause -> the code that implements it -> its tests."""
