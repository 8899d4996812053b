return {1, 'two', {3, 'four', {}}, {}, 3.99, -2.5, true, 'after-true', false, 'never'}
